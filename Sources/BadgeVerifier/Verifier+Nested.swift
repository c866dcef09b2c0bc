import BadgeProofs
import LinkedData
import OpenBadges

/// Every endorsement inside the credential (embedded, or as a compact JWS in `endorsementJwt`) verifies on its own.
/// Checks `endorsement`.
struct EndorsementPolicy: VerificationPolicy {
    func evaluate(_ context: VerificationContext) -> PolicyOutcome {
        let (checks, reports) = context.verifier.nestedEndorsements(of: context.credential, depth: context.depth)
        return PolicyOutcome(checks, nested: reports)
    }
}

/// Every credential bundled in a CLR verifies on its own. Checks `clr`.
struct ClrPolicy: VerificationPolicy {
    func evaluate(_ context: VerificationContext) -> PolicyOutcome {
        guard context.credential.kind == .clr else { return PolicyOutcome([]) }
        let (checks, reports) = context.verifier.clrMembers(of: context.credential, depth: context.depth)
        return PolicyOutcome(checks, nested: reports)
    }
}

/// A presentation's members: each presented credential verifies, was awarded to the holder, and is covered by the
/// holder's signature. Without an expected challenge, a warning says that replay was not checked. Checks
/// `presentation`.
struct PresentationPolicy: VerificationPolicy {
    func evaluate(_ context: VerificationContext) -> PolicyOutcome {
        let (checks, reports) = context.verifier.presentationMembers(context.credential.json, depth: context.depth)
        return PolicyOutcome(checks, nested: reports)
    }
}

extension Verifier {
    /// What an endorsement vouches for: the credential itself, or something it carries (the issuer's profile, the
    /// achievement, the achievement's creator), which is not what the credential's own signature stands on.
    enum EndorsedThing: Equatable {
        case badge, issuer, achievement, creator

        var words: String {
            switch self {
            case .badge: "this badge"
            case .issuer: "the issuer's profile"
            case .achievement: "the achievement"
            case .creator: "the achievement's creator"
            }
        }
    }

    /// Every endorsement inside the credential (embedded or as compact JWS), verified on its own. An endorsement of
    /// the credential itself that fails is a failure; one of the issuer or the achievement that fails or has
    /// expired is a third party's lapsed word about them, not a flaw of this badge: a warning saying whose
    /// endorsement of what.
    func nestedEndorsements(of credential: CredentialUnderTest, depth: Int) -> (checks: [CheckResult], reports: [VerificationReport]) {
        var found: [(thing: EndorsedThing, input: Envelope.Content?, token: String?)] = []
        func collect(_ object: JSONObject?, _ thing: EndorsedThing) {
            guard let object else { return }
            for item in object["endorsement"]?.arrayValue ?? [] {
                if case .object(let endorsement) = item { found.append((thing, .json(endorsement), nil)) }
            }
            for item in object["endorsementJwt"]?.arrayValue ?? [] {
                if case .string(let token) = item { found.append((thing, nil, token)) }
            }
        }
        collect(credential.json, .badge)
        collect(credential.json["issuer"]?.objectValue, .issuer)
        let subject = credential.json["credentialSubject"]?.objectValue
        collect(subject?["achievement"]?.objectValue, .achievement)
        collect(subject?["achievement"]?.objectValue?["creator"]?.objectValue, .creator)
        guard !found.isEmpty else { return ([], []) }
        guard depth < options.maxNesting else {
            return ([.fail(.limits, "Endorsements are nested more than \(options.maxNesting) levels deep.")], [])
        }
        var reports: [VerificationReport] = []
        var checks: [CheckResult] = []
        for thing in [EndorsedThing.badge, .issuer, .achievement, .creator] {
            let group = found.filter { $0.thing == thing }
            guard !group.isEmpty else { continue }
            let groupReports = group.map { item in
                if case .json(let object)? = item.input {
                    return verify(Envelope(format: "json", content: .json(object)), source: nil, depth: depth + 1)
                }
                return verifyToken(item.token ?? "", depth: depth + 1)
            }
            reports += groupReports
            checks.append(Self.endorsementCheck(groupReports, of: thing))
        }
        return (checks, reports)
    }

    /// One `endorsement` result for the endorsements of one thing.
    static func endorsementCheck(_ reports: [VerificationReport], of thing: EndorsedThing) -> CheckResult {
        let total = reports.count
        let bad = reports.filter { $0.verdict == .invalid }
        let unknown = reports.filter { $0.verdict == .indeterminate }.count
        if !bad.isEmpty {
            if thing == .badge {
                return .fail(.endorsement, "\(bad.count) of \(total) endorsement(s) of this badge did not verify.")
            }
            let details = bad.map { report in
                let by = report.credential?.issuerName ?? report.credential?.issuerID ?? "an unnamed endorser"
                return "\(by)'s endorsement of \(thing.words): \(report.headline)"
            }
            return .warning(.endorsement,
                "\(bad.count) of \(total) endorsement(s) of \(thing.words) did not verify or have expired, so they vouch "
                    + "for nothing (the badge itself is not affected): " + details.joined(separator: " "))
        }
        if unknown > 0 {
            return .warning(.endorsement,
                "\(total - unknown) of \(total) endorsement(s) of \(thing.words) verified; \(unknown) could not be fully checked.")
        }
        return .pass(.endorsement,
            total == 1 ? "The endorsement of \(thing.words) verified." : "All \(total) endorsements of \(thing.words) verified.")
    }

    /// Every credential bundled in a CLR, verified on its own.
    func clrMembers(of credential: CredentialUnderTest, depth: Int) -> (checks: [CheckResult], reports: [VerificationReport]) {
        let members: [JSONValue]
        switch credential.json["credentialSubject"]?.objectValue?["verifiableCredential"] {
        case .array(let values)?: members = values
        case let single?: members = [single]
        case nil: members = []
        }
        guard !members.isEmpty else {
            return ([.fail(.clr, "The learner record holds no credentials.")], [])
        }
        guard depth < options.maxNesting else {
            return ([.fail(.limits, "Credentials are nested more than \(options.maxNesting) levels deep.")], [])
        }
        let reports = members.map { verifyMember($0, depth: depth + 1, kind: "bundled").report }
        let bad = reports.filter { $0.verdict == .invalid }.count
        if bad > 0 {
            return ([.fail(.clr, "\(bad) of \(reports.count) credentials in the learner record did not verify.")], reports)
        }
        if reports.contains(where: { $0.verdict == .indeterminate }) {
            return ([.cannotTell(.clr, "Some credentials in the learner record could not be fully checked.")], reports)
        }
        return ([.pass(.clr, "All \(reports.count) credentials in the learner record verified.")], reports)
    }

    /// The members of a VerifiablePresentation: each presented credential, and that the holder is each one's
    /// subject. (The holder's own proof, with the expected challenge and domain, is the proof check's.)
    func presentationMembers(_ json: JSONObject, depth: Int) -> (checks: [CheckResult], reports: [VerificationReport]) {
        var checks: [CheckResult] = []
        let holder = VerifiablePresentationHolder.holder(of: json)
        let members = VerifiablePresentation(json: json).verifiableCredential
        var reports: [VerificationReport] = []
        var notHolders: [String] = []
        // A bare string is, in JSON-LD, a reference with nothing said about it: it is left out of the data the
        // holder's Data Integrity proof signs, so the token could be swapped without breaking that proof.
        var uncovered = 0
        for member in members {
            let (report, subjectID) = verifyMember(member, depth: depth + 1, kind: "presented")
            reports.append(report)
            if case .string = member { uncovered += 1 }
            if holder == nil || subjectID != holder {
                notHolders.append(report.credential?.name ?? report.credential?.id ?? "a credential")
            }
        }
        if members.isEmpty {
            checks.append(.fail(.presentation, "The presentation holds no credentials."))
        } else if uncovered > 0 {
            checks.append(.fail(.presentation,
                "\(uncovered) presented credential(s) are bare JWT strings, which are not covered by the holder's "
                    + "signature (JSON-LD gives them no meaning); a VC-JWT must be presented as an "
                    + "EnvelopedVerifiableCredential (data:application/vc+jwt,…)."))
        } else if holder == nil {
            checks.append(.fail(.presentation, "The presentation does not name its holder."))
        } else if !notHolders.isEmpty {
            checks.append(.fail(.presentation, "The holder (\(holder!)) is not the subject of: \(notHolders.joined(separator: ", "))."))
        } else if reports.contains(where: { $0.verdict == .invalid }) {
            checks.append(.fail(.presentation, "\(reports.filter { $0.verdict == .invalid }.count) of \(reports.count) presented credentials did not verify."))
        } else if reports.contains(where: { $0.verdict == .indeterminate }) {
            checks.append(.cannotTell(.presentation, "Some presented credentials could not be fully checked."))
        } else {
            checks.append(.pass(.presentation, "The holder presented \(reports.count) credential(s) awarded to them, and each verified."))
        }
        if checks.last?.outcome == .pass && options.challenge == nil {
            let last = checks.removeLast()
            checks.append(.warning(.presentation, last.message
                + " No challenge was given (--challenge), so Laurel did not check that the holder made this "
                + "presentation for you now: it could be a replay of one made for someone else."))
        }
        return (checks, reports)
    }

    /// One credential inside a presentation or a learner record, verified on its own, and its subject's id: an
    /// embedded credential (JSON object), a compact JWS string, or an `EnvelopedVerifiableCredential` whose `id` is
    /// a `data:` URL holding a compact JWS (VC Data Model 2.0 §4.13, e.g. `data:application/vc+jwt,eyJ…`).
    func verifyMember(_ member: JSONValue, depth: Int, kind: String) -> (report: VerificationReport, subjectID: String?) {
        switch member {
        case .object(let object) where AchievementCredential(json: object).types.contains("EnvelopedVerifiableCredential"):
            guard let id = object["id"]?.stringValue else {
                return (VerificationReport(source: nil, format: "jwt", checks: [.fail(.parse,
                    "A \(kind) enveloped credential has no id (the data: URL that carries it).")], credential: nil), nil)
            }
            switch Self.envelopedToken(id) {
            case .success(let token):
                return (verifyToken(token, depth: depth), Self.jwtSubject(token))
            case .failure(let problem):
                return (VerificationReport(source: nil, format: "jwt", checks: [.fail(.parse,
                    "A \(kind) enveloped credential cannot be read: \(problem.reason)")], credential: nil), nil)
            }
        case .object(let object):
            return (verify(Envelope(format: "json", content: .json(object)), source: nil, depth: depth),
                object["credentialSubject"]?.objectValue?["id"]?.stringValue)
        case .string(let token):
            return (verifyToken(token, depth: depth), Self.jwtSubject(token))
        default:
            return (VerificationReport(source: nil, format: nil, checks: [.fail(.parse,
                "A \(kind) credential is neither an object nor a JWT.")], credential: nil), nil)
        }
    }

    /// A compact JWS found inside another document, verified like a file.
    func verifyToken(_ token: String, depth: Int) -> VerificationReport {
        switch Envelope.jwt(token, format: "jwt") {
        case .success(let envelope): return verify(envelope, source: nil, depth: depth)
        case .failure(let problem): return VerificationReport(source: nil, format: "jwt", checks: [problem.check], credential: nil)
        }
    }

    struct EnvelopeProblem: Error {
        var reason: String
    }

    /// The compact JWS in a `data:` URL whose media type is a JWT type (`application/vc+jwt`, `application/jwt`, …).
    static func envelopedToken(_ url: String) -> Swift.Result<String, EnvelopeProblem> {
        guard url.hasPrefix("data:"), let comma = url.firstIndex(of: ",") else {
            return .failure(EnvelopeProblem(reason: "its id is not a data: URL"))
        }
        let header = url[url.index(url.startIndex, offsetBy: 5)..<comma].lowercased()
        let mediaType = header.split(separator: ";").first.map(String.init) ?? ""
        guard mediaType.hasSuffix("jwt") else {
            return .failure(EnvelopeProblem(
                reason: "its media type '\(mediaType)' is not a JWT type (such as application/vc+jwt)"))
        }
        guard !header.contains(";base64") else {
            return .failure(EnvelopeProblem(reason: "a base64-encoded data: URL cannot hold a compact JWS"))
        }
        let token = String(url[url.index(after: comma)...])
        guard Envelope.looksLikeJWS(token) else {
            return .failure(EnvelopeProblem(reason: "its data is not a compact JWS"))
        }
        return .success(token)
    }

    /// The subject of a VC-JWT: the `sub` claim, else the `credentialSubject.id` of the credential it carries.
    static func jwtSubject(_ token: String) -> String? {
        guard let payload = try? CompactJWS(parsing: token).payloadObject() else { return nil }
        if let sub = payload["sub"]?.stringValue { return sub }
        let credential = payload["vc"]?.objectValue ?? payload
        return credential["credentialSubject"]?.objectValue?["id"]?.stringValue
    }
}
