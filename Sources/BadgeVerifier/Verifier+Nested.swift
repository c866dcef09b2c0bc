import BadgeProofs
import LinkedData
import OpenBadges

extension Verifier {
    /// Verifies a status list credential (its proof, type and dates) and returns its JSON when it can be used.
    func verifyStatusList(bytes: [UInt8], depth: Int) -> (verdict: Verdict, checks: [CheckResult], listJSON: JSONObject?) {
        guard case .object(let json)? = try? JSONParser().parse(bytes) else {
            return (.invalid, [.fail(.parse, "it is not a JSON credential")], nil)
        }
        let list = CredentialUnderTest(json: json)
        var checks: [CheckResult] = []
        if list.kind != .statusList {
            checks.append(.fail(.type, "it is not a BitstringStatusListCredential"))
        }
        checks += ProofPolicy().check(list, options: options)
        for policy in Self.datePolicies where !(policy is ValidFromPolicy) {
            checks += policy.check(list, options: options)
        }
        let verdict = Verdict(checks)
        return (verdict, checks, verdict == .valid ? json : nil)
    }

    /// Every endorsement inside the credential (embedded or as compact JWS), verified on its own.
    func nestedEndorsements(of credential: CredentialUnderTest, depth: Int) -> (checks: [CheckResult], reports: [VerificationReport]) {
        var embedded: [JSONObject] = []
        var tokens: [String] = []
        func collect(_ object: JSONObject?) {
            guard let object else { return }
            for item in object["endorsement"]?.arrayValue ?? [] {
                if case .object(let endorsement) = item { embedded.append(endorsement) }
            }
            for item in object["endorsementJwt"]?.arrayValue ?? [] {
                if case .string(let token) = item { tokens.append(token) }
            }
        }
        collect(credential.json)
        collect(credential.json["issuer"]?.objectValue)
        let subject = credential.json["credentialSubject"]?.objectValue
        collect(subject?["achievement"]?.objectValue)
        collect(subject?["achievement"]?.objectValue?["creator"]?.objectValue)
        guard !embedded.isEmpty || !tokens.isEmpty else { return ([], []) }
        guard depth < options.maxNesting else {
            return ([.fail(.limits, "Endorsements are nested more than \(options.maxNesting) levels deep.")], [])
        }
        var reports = embedded.map { verifyCredential($0, source: nil, format: "json", depth: depth + 1) }
        reports += tokens.map { verifyJWT($0, source: nil, format: "jwt", depth: depth + 1) }
        let bad = reports.filter { $0.verdict == .invalid }.count
        let unknown = reports.filter { $0.verdict == .indeterminate }.count
        let total = reports.count
        if bad > 0 {
            return ([.fail(.endorsement, "\(bad) of \(total) endorsement(s) of this badge did not verify.")], reports)
        }
        if unknown > 0 {
            return ([.warning(.endorsement, "\(total - unknown) of \(total) endorsement(s) verified; \(unknown) could not be fully checked.")], reports)
        }
        return ([.pass(.endorsement, total == 1 ? "The endorsement verified." : "All \(total) endorsements verified.")], reports)
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

    /// A VerifiablePresentation: the holder's proof (with the expected challenge and domain), each presented
    /// credential, and that the holder is each credential's subject.
    func verifyPresentation(_ json: JSONObject, source: String?, format: String) -> VerificationReport {
        let presentation = CredentialUnderTest(json: json)
        var checks: [CheckResult] = []
        let contexts = AchievementCredential(json: json).contexts
        if contexts.first != CredentialContexts.credentialsV2 && contexts.first != CredentialContexts.credentialsV1 {
            checks.append(.fail(.context, "The presentation's first @context must be the Verifiable Credentials context."))
        }
        checks += SafeModePolicy().check(presentation, options: options)
        checks += ProofPolicy(purpose: "authentication", challenge: options.challenge, domain: options.domain)
            .check(presentation, options: options)
        let holder = VerifiablePresentationHolder.holder(of: json)
        let members = VerifiablePresentation(json: json).verifiableCredential
        var reports: [VerificationReport] = []
        var notHolders: [String] = []
        // A bare string is, in JSON-LD, a reference with nothing said about it: it is left out of the data the
        // holder's Data Integrity proof signs, so the token could be swapped without breaking that proof.
        var uncovered = 0
        for member in members {
            let (report, subjectID) = verifyMember(member, depth: 1, kind: "presented")
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
        var summary = CredentialSummary(kind: "VerifiablePresentation")
        summary.id = json["id"]?.stringValue
        summary.recipient = holder
        return VerificationReport(source: source, format: format, checks: checks, credential: summary, nested: reports)
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
                return (verifyJWT(token, source: nil, format: "jwt", depth: depth), Self.jwtSubject(token))
            case .failure(let problem):
                return (VerificationReport(source: nil, format: "jwt", checks: [.fail(.parse,
                    "A \(kind) enveloped credential cannot be read: \(problem.reason)")], credential: nil), nil)
            }
        case .object(let object):
            return (verifyCredential(object, source: nil, format: "json", depth: depth),
                object["credentialSubject"]?.objectValue?["id"]?.stringValue)
        case .string(let token):
            return (verifyJWT(token, source: nil, format: "jwt", depth: depth), Self.jwtSubject(token))
        default:
            return (VerificationReport(source: nil, format: nil, checks: [.fail(.parse,
                "A \(kind) credential is neither an object nor a JWT.")], credential: nil), nil)
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
        guard looksLikeJWS(token) else {
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
