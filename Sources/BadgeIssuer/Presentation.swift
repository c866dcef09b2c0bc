public import BadgeCrypto
public import LinkedData
import BadgeProofs
import OpenBadges

/// What the holder's proof of a presentation states besides the key: the verifier's `challenge` and `domain`
/// (VC Data Integrity §2.1: a challenge "used once for a particular domain and window of time", which
/// "mitigates replay attacks"), and when it was made.
public struct PresentationOptions: Sendable, Hashable {
    /// The challenge the verifier asked for.
    public var challenge: String?
    /// The domain (usually the verifier's origin) the proof is meant for.
    public var domain: String?
    /// When the proof was made (an XML Schema dateTimeStamp, kept verbatim).
    public var created: String
    /// When the proof stops being acceptable, if it should.
    public var expires: String?
    /// The presentation's `id`; a new `urn:uuid:` when nil.
    public var id: String?

    public init(
        challenge: String? = nil, domain: String? = nil, created: String, expires: String? = nil, id: String? = nil
    ) {
        self.challenge = challenge
        self.domain = domain
        self.created = created
        self.expires = expires
        self.id = id
    }
}

/// A signed presentation, ready to write.
public struct SignedPresentation: Sendable {
    /// The presentation as pretty-printed JSON (what was signed, never re-serialized after signing).
    public var bytes: [UInt8]
    public var json: JSONObject
    /// The holder: the did:key of the holder's key.
    public var holder: String
}

/// W3C Verifiable Presentations: a learner presents credentials awarded to them, signed with their own key.
///
/// The presentation's `holder` is the learner's did:key and its proof is a `DataIntegrityProof` with
/// `eddsa-rdfc-2022`, `proofPurpose` `authentication` and the verifier's `challenge` and `domain`, so a verifier
/// can tell that the person presenting controls the key the credentials were awarded to, and that the
/// presentation was made for it and is not replayed. Credentials secured with an embedded proof are embedded as
/// JSON objects; a VC-JWT goes in as an `EnvelopedVerifiableCredential` whose `id` is the
/// `data:application/vc+jwt,…` URL of the token (VC Data Model 2.0 §4.13): a bare string would have no meaning
/// in JSON-LD, so the holder's signature would not cover it.
public enum PresentationBuilder {
    /// The media type of an enveloped VC-JWT.
    public static let envelopedJWTPrefix = "data:application/vc+jwt,"

    /// The holder identifier of a key: its did:key.
    public static func holder(for key: Ed25519PublicKey) -> String {
        DIDKey.did(for: key)
    }

    /// The credentials whose subject is not `holder` (the verifier refuses them in a presentation).
    public static func notAwardedTo(_ holder: String, among credentials: [CredentialFile]) -> [CredentialFile] {
        credentials.filter { !$0.isAwarded(to: .did(holder)) }
    }

    /// The unsigned presentation of `credentials` by `holder`.
    public static func unsignedPresentation(
        _ credentials: [CredentialFile], holder: String, id: String? = nil
    ) -> JSONObject {
        var presentation = JSONObject()
        presentation["@context"] = [.string(CredentialContexts.credentialsV2)]
        presentation["id"] = .string(id ?? RandomIdentifiers.uuidURN())
        presentation["type"] = ["VerifiablePresentation"]
        presentation["holder"] = .string(holder)
        presentation["verifiableCredential"] = .array(credentials.map { credential in
            switch credential.format {
            case .json:
                return .object(credential.credential)
            case .jwt:
                return .object(JSONObject([
                    "@context": .string(CredentialContexts.credentialsV2),
                    "id": .string(envelopedJWTPrefix + credential.text),
                    "type": "EnvelopedVerifiableCredential",
                ]))
            }
        })
        return presentation
    }

    /// Presents `credentials` signed with the holder's key. At least one credential is needed, and the result
    /// must pass JSON-LD safe mode (every member defined), or nothing is signed.
    public static func present(
        _ credentials: [CredentialFile], holderKey: Ed25519PrivateKey, options: PresentationOptions
    ) throws(IssuerError) -> SignedPresentation {
        guard !credentials.isEmpty else {
            throw IssuerError(.invalidField, "a presentation needs at least one credential", field: "credential")
        }
        if let challenge = options.challenge, challenge.isEmpty {
            throw IssuerError(.invalidField, "the challenge is empty", field: "challenge")
        }
        if let domain = options.domain, domain.isEmpty {
            throw IssuerError(.invalidField, "the domain is empty", field: "domain")
        }
        let holder = holder(for: holderKey.publicKey)
        let presentation = unsignedPresentation(credentials, holder: holder, id: options.id)
        do {
            _ = try JSONLDProcessor().expand(.object(presentation))
        } catch {
            throw IssuerError(.schema, "the presentation would lose data in JSON-LD processing: \(error)")
        }
        let secured: JSONObject
        do throws(ProofError) {
            let proofOptions = try DataIntegrityProof(
                cryptosuite: EddsaRdfc2022.cryptosuite,
                verificationMethod: DIDKey.verificationMethod(for: holderKey.publicKey),
                proofPurpose: "authentication", created: options.created, expires: options.expires,
                domain: options.domain.map { [$0] }, challenge: options.challenge)
            secured = try EddsaRdfc2022.addProof(to: presentation, options: proofOptions, privateKey: holderKey)
        } catch {
            throw IssuerError(.signing, "could not sign the presentation: \(error.reason)")
        }
        var bytes = JSONSerializer(style: .pretty).serialize(.object(secured))
        bytes.append(0x0A)
        return SignedPresentation(bytes: bytes, json: secured, holder: holder)
    }
}
