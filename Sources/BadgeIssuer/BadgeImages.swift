public import OpenBadges

/// A badge image with a credential baked in, ready to write.
public struct BakedBadge: Sendable {
    /// The image bytes (PNG, or UTF-8 SVG text).
    public var bytes: [UInt8]
    public var kind: ImageKind
    /// Whether the image already held a credential, which this one replaced.
    public var replacedCredential: Bool
    /// Whether the image is the default badge drawn from the achievement and issuer names.
    public var isDefaultImage: Bool
}

/// Baking a learner's credential into a badge image and reading it back (Open Badges 3.0 §"Baked Badge"): the
/// JSON of a credential with an embedded proof, or its Compact JWS, goes into a PNG `iTXt` chunk or an SVG
/// `<openbadges:credential>` element, byte for byte.
public enum BadgeImages {
    /// Bakes `credential` into `image` (a PNG or an SVG, recognised by content) or, when `image` is nil, into the
    /// default SVG badge drawn from the achievement's and the issuer's names. Only Open Badges achievement
    /// credentials are baked. An image that already holds a credential gets this one instead (never two).
    public static func bake(
        _ credential: CredentialFile, into image: [UInt8]?, imageSource: String = "the image"
    ) throws(IssuerError) -> BakedBadge {
        guard credential.isAchievementCredential else {
            let types = credential.view.types.joined(separator: ", ")
            throw IssuerError(
                .invalidFile,
                "only Open Badges credentials (OpenBadgeCredential or AchievementCredential) are baked into images; "
                    + "this is \(types)",
                file: credential.source)
        }
        let imageBytes: [UInt8]
        let isDefault = image == nil
        if let image {
            imageBytes = image
        } else {
            let svg = DefaultBadgeImage.svg(
                achievementName: credential.displayName ?? "Badge", issuerName: credential.issuerName ?? "")
            imageBytes = Array(svg.utf8)
        }
        let kind = BakedImage.kind(of: imageBytes)
        var replaced = false
        if kind != .unknown, (try? BadgeBaker.extract(from: imageBytes)) != nil {
            replaced = true
        }
        do {
            let baked = try BadgeBaker.bake(credential.text, into: imageBytes)
            return BakedBadge(bytes: baked, kind: kind, replacedCredential: replaced, isDefaultImage: isDefault)
        } catch {
            throw IssuerError(.invalidFile, "cannot bake into this image: \(error.reason)", file: imageSource)
        }
    }

    /// The credential text baked into a PNG or SVG image, exactly as it was baked (JSON or a compact JWS). An
    /// image with no credential, two credentials, an Open Badges 2.0 assertion, or a malformed structure is an
    /// error naming `source` and what is wrong there.
    public static func extract(from image: [UInt8], source: String) throws(IssuerError) -> (kind: ImageKind, text: String) {
        do {
            let extracted = try BadgeBaker.extract(from: image)
            return (extracted.kind, extracted.payload)
        } catch {
            throw IssuerError(.invalidFile, error.reason, file: source)
        }
    }
}
