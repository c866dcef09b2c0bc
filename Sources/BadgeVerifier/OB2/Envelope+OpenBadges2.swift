import OpenBadges

extension Envelope {
    /// The text baked into an image: an Open Badges 3.0 credential or, in an image that holds none, an Open
    /// Badges 2.0 assertion (JSON, a compact JWS, or the URL of a hosted assertion).
    static func openBaked(_ bytes: [UInt8]) throws(BakingError) -> (kind: ImageKind, payload: String, openBadges2: Bool) {
        do throws(BakingError) {
            let credential = try BadgeBaker.extract(from: bytes)
            return (credential.kind, credential.payload, false)
        } catch {
            guard error.code == .legacyBadge else { throw error }
            let assertion = try BadgeBaker.extractOpenBadges2(from: bytes)
            return (assertion.kind, assertion.payload, true)
        }
    }
}
