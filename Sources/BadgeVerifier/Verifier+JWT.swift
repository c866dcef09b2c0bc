import BadgeCrypto
import BadgeProofs
import LinkedData
import OpenBadges

extension Verifier {
    /// A compact VC-JWT: the JWS signature and claims, then every check on the credential inside it.
    func verifyJWT(_ token: String, source: String?, format: String, depth: Int) -> VerificationReport {
        let jws: CompactJWS
        do {
            jws = try CompactJWS(parsing: token)
        } catch {
            return VerificationReport(
                source: source, format: format, checks: [.fail(.parse, "This is not a readable VC-JWT: \(error.reason)")],
                credential: nil)
        }
        var checks: [CheckResult] = []
        var key: JWTVerificationKey? = nil
        var keyNote: CheckResult? = nil
        if jws.header["jwk"] == nil, let kid = jws.keyID {
            switch resolveJWTKey(kid) {
            case .found(let found): key = found
            case .needsNetwork(let url):
                keyNote = .cannotTell(.keyResolution,
                    "The issuer's key must be fetched from \(url); verify online or pass it with --resource \(url)=FILE.")
            case .failed(let reason):
                keyNote = .fail(.keyResolution, "The issuer's key cannot be found: \(reason)")
            }
        }
        if let keyNote {
            checks.append(keyNote)
            // Without the key only the payload can be read; nothing it says is trusted.
            return VerificationReport(
                source: source, format: format, checks: checks + [.skipped(.proof, "The signature could not be checked without the key.")],
                credential: (try? jws.payloadObject()).map { CredentialSummary(CredentialUnderTest(json: $0["vc"]?.objectValue ?? $0)) })
        }
        let result = VCJWT.verify(token, key: key, options: VCJWTVerificationOptions())
        if let failure = result.failure {
            switch failure.code {
            case .missingKey, .invalidKey:
                checks.append(.fail(.keyResolution, "The issuer's key cannot be used: \(failure.reason)"))
            case .keyMismatch:
                checks.append(.fail(.keyBinding, "The token's key is not the issuer's key: \(failure.reason)"))
            case .malformedToken, .malformedHeader, .malformedPayload:
                checks.append(.fail(.parse, "The VC-JWT cannot be read: \(failure.reason)"))
            default:
                checks.append(.fail(.proof, "The signature does not match the badge, so it was changed after signing or was not signed by this key: \(failure.reason)"))
            }
        } else {
            checks.append(.pass(.proof, "The signature is valid (VC-JWT, \(result.algorithm ?? "")).") )
            checks.append(.pass(.keyResolution, jws.header["jwk"] != nil
                ? "The signing key is carried in the token's header." : "The signing key was found (\(jws.keyID ?? "")).") )
        }
        guard let credentialJSON = result.credential ?? (try? jws.payloadObject()).map({ $0["vc"]?.objectValue ?? $0 }) else {
            return VerificationReport(source: source, format: format, checks: checks, credential: nil)
        }
        let credential = CredentialUnderTest(json: credentialJSON)
        if result.failure == nil {
            if let kid = jws.keyID, let owner = ProofPolicy.controller(of: kid), let issuer = credential.view.issuerID {
                checks.append(owner == issuer
                    ? .pass(.keyBinding, "The signing key belongs to the issuer named in the badge.")
                    : .fail(.keyBinding, "The token was signed with a key of \(owner), but the badge names \(issuer) as its issuer."))
            } else if jws.header["jwk"] != nil {
                checks.append(.warning(.keyBinding,
                    "The key came with the badge itself (a 'jwk' header); nothing ties it to the issuer without the issuer's published keys."))
            }
        }
        if result.isVCDM11 {
            checks.append(.warning(.context, "The badge uses the older Verifiable Credentials 1.1 data model (a 'vc' claim)."))
        }
        for policy in Self.credentialPolicies {
            checks += policy.check(credential, options: options)
        }
        for policy in Self.datePolicies {
            checks += policy.check(credential, options: options)
        }
        checks += StatusPolicy(verifier: self, depth: depth).check(credential, options: options)
        checks += RecipientPolicy().check(credential, options: options)
        let endorsements = nestedEndorsements(of: credential, depth: depth)
        checks += endorsements.checks
        checks += TrustPolicy().check(credential, options: options)
        return VerificationReport(
            source: source, format: format, checks: checks, credential: CredentialSummary(credential),
            nested: endorsements.reports)
    }

    enum JWTKeyResolution {
        case found(JWTVerificationKey)
        case needsNetwork(String)
        case failed(String)
    }

    /// The key a `kid` names: a did:key, an `…#z6Mk…` method, or a JWK / JWKS / DID document given as a resource.
    func resolveJWTKey(_ kid: String) -> JWTKeyResolution {
        let resolver = KeyResolver(resources: options.resources)
        if kid.hasPrefix("did:key:") || kid.split(separator: "#").last?.hasPrefix("z6Mk") == true || resolver.needsNetwork(kid) == nil && KeyResolver.documentURL(for: kid) != nil {
            do {
                return .found(.ed25519(try resolver.ed25519PublicKey(for: kid)))
            } catch {
                return .failed(error.reason)
            }
        }
        let url = kid.split(separator: "#").first.map(String.init) ?? kid
        guard let bytes = options.resources[kid] ?? options.resources[url] else {
            return kid.hasPrefix("https://") ? .needsNetwork(url) : .failed("'\(kid)' is not a key Laurel can resolve offline")
        }
        guard case .object(let document)? = try? JSONValue(parsing: bytes) else {
            return .failed("the key document for \(kid) is not JSON")
        }
        var candidates: [JSONObject] = [document]
        for item in document["keys"]?.arrayValue ?? [] { if case .object(let key) = item { candidates.append(key) } }
        let fragment = kid.split(separator: "#", maxSplits: 1).dropFirst().first.map(String.init)
        for candidate in candidates where candidate["kty"] != nil {
            if let want = fragment, let have = candidate["kid"]?.stringValue, have != want && have != kid { continue }
            do {
                let jwk = try JWK(json: JSONSerializer().serialize(.object(candidate)))
                return .found(try JWTVerificationKey(jwk: jwk))
            } catch {
                return .failed("the key for \(kid) cannot be used: \(error)")
            }
        }
        return .failed("no key named \(kid) in the document given for it")
    }
}

