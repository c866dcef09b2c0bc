public import BadgeProofs

/// What a verifier needs from outside the badge: status lists, revocation lists, did:web DID documents, https
/// controller documents and key sets, each by the URL the badge names.
///
/// Three sources, combined with `ResourceChain`: `LocalResources` (copies given by the caller, `--resource`),
/// `WorkspaceResources` (an issuer workspace's own published files) and `OnlineResources` (HTTPS, with limits).
public protocol ResourceResolver: Sendable {
    /// The resource at `url` (without a fragment), or why it is not available.
    func resource(at url: String) -> ResourceLookup
}

/// The answer for one URL.
public enum ResourceLookup: Sendable {
    /// The bytes, and where they came from (which decides what a key found in them proves).
    case found([UInt8], origin: DocumentOrigin)
    /// Not available; the reason is a sentence fragment ("not fetched: verifying offline").
    case unavailable(String)

    public var bytes: [UInt8]? {
        if case .found(let bytes, _) = self { return bytes }
        return nil
    }
}

/// Copies of network resources the caller supplied, by URL (`--resource URL=FILE`). A URL with a fragment is
/// also found under the URL without it.
public struct LocalResources: ResourceResolver {
    public var resources: [String: [UInt8]]
    /// Why a URL that is not here is unavailable.
    public var missingReason: String

    public init(
        _ resources: [String: [UInt8]],
        missingReason: String = "it was not fetched (verifying offline) and no local copy was given"
    ) {
        self.resources = resources
        self.missingReason = missingReason
    }

    public func resource(at url: String) -> ResourceLookup {
        if let bytes = resources[url] ?? resources[OfflineVerificationMethodResolver.withoutFragment(url)] {
            return .found(bytes, origin: .local)
        }
        return .unavailable(missingReason)
    }
}

/// An issuer workspace's own published files: its DID document and status lists, as `laurel serve` hosts them.
/// `locate` maps a URL to the file's bytes (or nil); the workspace knows its layout, the verifier does not.
public struct WorkspaceResources: ResourceResolver {
    public var locate: @Sendable (String) -> [UInt8]?

    public init(locate: @escaping @Sendable (String) -> [UInt8]?) {
        self.locate = locate
    }

    public func resource(at url: String) -> ResourceLookup {
        if let bytes = locate(OfflineVerificationMethodResolver.withoutFragment(url)) {
            return .found(bytes, origin: .workspace)
        }
        return .unavailable("the issuer workspace does not publish it")
    }
}

/// Several sources asked in order; the first that has the URL answers. When none has it, the reason given is the
/// last source's (the online one, when there is one: it says why the fetch failed).
public struct ResourceChain: ResourceResolver {
    public var sources: [any ResourceResolver]

    public init(_ sources: [any ResourceResolver]) {
        self.sources = sources
    }

    public func resource(at url: String) -> ResourceLookup {
        var last = ResourceLookup.unavailable("no source was given for it")
        for source in sources {
            let answer = source.resource(at: url)
            if case .found = answer { return answer }
            last = answer
        }
        return last
    }
}
