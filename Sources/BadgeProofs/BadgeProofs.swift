/// Data Integrity proof suites (eddsa-rdfc-2022, eddsa-jcs-2022), VC-JWT and verification-method resolution.
public enum BadgeProofs {}
