public import BadgeCrypto
public import LinkedData

/// The key that checks a VC-JWT, found from its header, and where it came from.
public enum JWTKeyLookup: Sendable {
    /// The key, with its provenance for `IssuerBinding.assess`.
    case key(JWTVerificationKey, KeyProvenance)
    /// The key is in a document that was not available: `url` is where it lives.
    case needsDocument(url: String, reason: String)
    /// The issuer's own document was available but does not authorise the key (see `ProofError.keyNotAuthorized`).
    case notAuthorized(String)
    /// The header names no usable key.
    case failed(String)
}

extension VCJWT {
    /// Finds the key that checks `jws` (OB 3.0 §8.2.5: "the `kid` … dereferences to the public key", or the `jwk`
    /// header), using the documents the caller has in `resolver`:
    ///
    /// - a `kid` that is a verification method (`did:key`, a did:web or https method described by a supplied
    ///   controller document, or `<id>#z6Mk…`) resolves like a Data Integrity method, for `purpose`;
    /// - a `kid` whose URL (or URL without fragment) holds a supplied JWK or JWKS takes the key from it, matched
    ///   by the fragment or the whole `kid`; the document's URL is its controller;
    /// - otherwise the header's `jwk`: a key carried by the token itself, which proves nothing about the issuer,
    ///   except that for a did:key `issuer` it must be that did:key's own key (then the binding is proven).
    public static func resolveKey(
        for jws: CompactJWS, issuer: String?, resolver: OfflineVerificationMethodResolver,
        purpose: String = "assertionMethod"
    ) -> JWTKeyLookup {
        if let kid = jws.keyID {
            return resolveKeyID(kid, resolver: resolver, purpose: purpose)
        }
        guard let header = jws.header["jwk"] else {
            return .failed("the token's header names no key (no 'kid' and no 'jwk')")
        }
        let key: JWTVerificationKey
        do throws(JWTError) {
            key = try JWTVerificationKey(jwkJSON: header)
        } catch {
            return .failed(error.reason)
        }
        if let issuer, issuer.hasPrefix(DIDKey.prefix), let jwk = key.jwk,
            let issuerKey = try? DIDKey.publicKey(from: issuer), JWTVerificationKey.sameKey(jwk, issuerKey.jwk())
        {
            return .key(key, KeyProvenance(
                methodID: issuer, controller: issuer, source: .didKey, documentURL: nil, origin: nil))
        }
        return .key(key, KeyProvenance(methodID: nil, controller: nil, source: .headerKey, documentURL: nil, origin: nil))
    }

    private static func resolveKeyID(
        _ kid: String, resolver: OfflineVerificationMethodResolver, purpose: String
    ) -> JWTKeyLookup {
        let base = OfflineVerificationMethodResolver.withoutFragment(kid)
        for url in [kid, base] {
            if let document = resolver.documents[url]?.objectValue, document["keys"] != nil || document["kty"] != nil {
                return keyFromJWKDocument(document, kid: kid, url: url, origin: resolver.origins[url] ?? .local)
            }
        }
        do throws(ProofError) {
            let method = try resolver.resolve(kid, purpose: purpose)
            return .key(.ed25519(method.publicKey), method.provenance)
        } catch {
            if error.code == .keyNotAuthorized { return .notAuthorized(error.reason) }
            let url = OfflineVerificationMethodResolver.documentURL(for: kid)
            if let url, resolver.documents[url] == nil, resolver.documents[base] == nil {
                return .needsDocument(url: url, reason: "the key '\(kid)' is described only by the document at \(url)")
            }
            return .failed(error.reason)
        }
    }

    /// The key named `kid` in a JWK or a JWKS document found at `url`.
    private static func keyFromJWKDocument(
        _ document: JSONObject, kid: String, url: String, origin: DocumentOrigin
    ) -> JWTKeyLookup {
        let fragment = kid.split(separator: "#", maxSplits: 1).dropFirst().first.map(String.init)
        var candidates: [JSONObject] = document["kty"] != nil ? [document] : []
        for item in document["keys"]?.arrayValue ?? [] {
            if let key = item.objectValue { candidates.append(key) }
        }
        for candidate in candidates {
            if let have = candidate["kid"]?.stringValue, have != kid, have != fragment { continue }
            if candidate["kid"] == nil && candidates.count > 1 { continue }
            do throws(JWTError) {
                let jwk: JWK
                do throws(CryptoError) {
                    jwk = try JWK(json: JSONValue.object(candidate).jsonBytes())
                } catch {
                    throw JWTError(.invalidKey, "the key for \(kid) in \(url) is not a usable JWK: \(error.reason)")
                }
                let key = try JWTVerificationKey(jwk: jwk)
                let controller = OfflineVerificationMethodResolver.withoutFragment(url)
                return .key(key, KeyProvenance(
                    methodID: kid, controller: controller, source: .suppliedDocument(url), documentURL: url,
                    origin: origin))
            } catch {
                return .failed(error.reason)
            }
        }
        return .notAuthorized("the key set at \(url) has no key named '\(kid)'")
    }
}
