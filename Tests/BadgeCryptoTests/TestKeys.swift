/// Keys of other types, generated for these tests only. They protect nothing; they let the tests check that
/// a key of the wrong type is refused, and that RS256 / ES256 verification works without the openssl tool.
enum TestKeys {
    /// A P-256 private key (PKCS#8), test-only.
    static let p256PrivatePEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgfRR54EBsP/KTEDXs
        PzQu3arm+6Ygc/ChrQhl42B09sGhRANCAAQlWFi6PefLq8Olhw/ytLmkDbVl0InS
        oMSmqFADGWc2PkhnGM70sUk35y+skU0Ywf3pVAAAdUjpxiDCmbAz3PoZ
        -----END PRIVATE KEY-----

        """

    /// The matching P-256 public key (SubjectPublicKeyInfo).
    static let p256PublicPEM = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEJVhYuj3ny6vDpYcP8rS5pA21ZdCJ
        0qDEpqhQAxlnNj5IZxjO9LFJN+cvrJFNGMH96VQAAHVI6cYgwpmwM9z6GQ==
        -----END PUBLIC KEY-----

        """

    /// The same P-256 public key as a JWK.
    static let p256JWK = JWKFields(
        x: "JVhYuj3ny6vDpYcP8rS5pA21ZdCJ0qDEpqhQAxlnNj4", y: "SGcYzvSxSTfnL6yRTRjB_elUAAB1SOnGIMKZsDPc-hk")

    /// An ES256 compact JWS made with the P-256 key above (signature in JWS r||s form).
    static let es256JWS = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJkaWQ6ZXhhbXBsZTpsYXVyZWwtdGVzdCIsIm4iOjF9."
        + "dSayj8ycBlLtZCrls_2JH581Cx3Yav3MqxPwxbbKekriWcq1W529jU1m0VqLbgBNmusare9zs7Zn6FuEUEl9LA"

    /// The RSA public key of the 1EdTech simple-jwt fixture's header `jwk`, converted to SubjectPublicKeyInfo.
    static let oneEdTechRSAPublicPEM = """
        -----BEGIN PUBLIC KEY-----
        MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA04q/KmxLWmWsBSv+sHle
        syD6lFf/HkKiLE6TBQvWP3E8QgYzf1YuwH3lijpcyFPEEXWxlN7G1Xxr/grj2+GP
        cwRfvf+UDkKxgQwSQbnW6xCZsU9qi5dEnkU7LfOYz0mYVxAzjgM1LRtVDMnrqnR6
        YRX1vQ7mY9kzH3xhw92MATQFrKtTK4VN27UDlzUipZyvA2OUl29+TGhBdYU7otyO
        MHw1U4W8j3zBNMSvLUKo+b45wRWSSXy46s8eVl4O9A6vGhZSiKi6YlQQwi2/9YYV
        kiTB0pWoub9ABr4t/erI/4SqRMOw53kVRSHyimSIFLQiTuDttAM1gskxvUNvskdN
        1QIDAQAB
        -----END PUBLIC KEY-----

        """

    /// An unrelated 2048-bit RSA public key (SubjectPublicKeyInfo), test-only.
    static let otherRSAPublicPEM = """
        -----BEGIN PUBLIC KEY-----
        MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEArvL34A33QNa6JfqScVZp
        r8VrUanvuYfvErtz8dlQRq0W0wX/UD8ctq5vG5VZYXVkAn2DX3Gm2vNevTZ/Fi9B
        3V7T88VL54004LBjwK4QFayOvW44Qh5CB2y4/G3se7h5sNteCXOWYxovcJoJYTRN
        OlmXV362HENnaui4vfrVtyqNiHcUed4Qd+OubvTWr1+yhWmUNIQF4+RnolQTL5sk
        AHeDnT8of4PUm4t7a2dhof/76q9gymutXnHaxWT/oFP1hcCZqSYdiNPpFpXwJeum
        OYybjXs5qptQ7aHtAFFiXKYHmVuk9SzJQjIEms7GFKG9dtblFQs5O0J8ElEhINzo
        fQIDAQAB
        -----END PUBLIC KEY-----

        """

    struct JWKFields {
        var x: String
        var y: String
    }
}
