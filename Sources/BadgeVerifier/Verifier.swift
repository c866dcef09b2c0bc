public import LinkedData
import BadgeProofs
import OpenBadges

/// Verifies Open Badges 3.0 credentials, presentations and learner records: every check the standards ask for,
/// collected as policy outcomes into one report. Fails closed.
///
/// One pipeline: the input is opened once (`Envelope`: image → JWS or JSON; credential or presentation), its
/// proofs are checked once (`ProofCheck` → `ProofOutcome`, through BadgeProofs), and then every policy of the
/// document's kind reads the resulting `VerificationContext`. Resources (status lists, DID and controller
/// documents) come from `resources`: the caller's local copies, and the network only when `options.online`.
///
/// ```swift
/// let verifier = Verifier(options: VerificationOptions(at: now))
/// let report = verifier.verify(bytes: fileBytes, source: "badge.png")
/// print(report.verdict)   // .valid, .invalid or .indeterminate
/// ```
public struct Verifier: Sendable {
    public var options: VerificationOptions {
        didSet {
            statusLists = options.statusLists ?? StatusListCache()
            resources = Self.resources(for: options)
        }
    }
    /// Status lists already checked by this verifier (many badges share one list): `options.statusLists` when
    /// given (shared with other verifiers), otherwise its own.
    private(set) var statusLists: StatusListCache
    /// Where status lists and key documents come from.
    public private(set) var resources: any ResourceResolver

    public init(options: VerificationOptions) {
        self.options = options
        self.statusLists = options.statusLists ?? StatusListCache()
        self.resources = Self.resources(for: options)
    }

    /// `options.resolver` when given; otherwise the local copies in `options.resources`, then (when
    /// `options.online`) HTTPS.
    static func resources(for options: VerificationOptions) -> any ResourceResolver {
        if let resolver = options.resolver { return resolver }
        let local = LocalResources(options.resources)
        return options.online ? ResourceChain([local, OnlineResources()]) : local
    }

    /// The policies run on each kind of document, in report order. The verifier itself names none: a kind's
    /// list is all it knows.
    static let credentialPolicies: [any VerificationPolicy] = [
        ContextPolicy(), TypePolicy(), SchemaPolicy(), SafeModePolicy(), ProofPolicy(), KeyResolutionPolicy(),
        KeyBindingPolicy(), ValidFromPolicy(), ValidUntilPolicy(), StatusPolicy(), RecipientPolicy(),
        EndorsementPolicy(), ClrPolicy(), TrustPolicy(),
    ]
    static let presentationPolicies: [any VerificationPolicy] = [
        ContextPolicy(), SafeModePolicy(), ProofPolicy(), KeyResolutionPolicy(), KeyBindingPolicy(),
        PresentationPolicy(),
    ]
    static let statusListPolicies: [any VerificationPolicy] = [
        ProofPolicy(), KeyResolutionPolicy(), KeyBindingPolicy(), ValidFromPolicy(), ValidUntilPolicy(),
    ]

    /// Verifies one input file: credential JSON, a compact VC-JWT, a baked PNG or SVG, a presentation or a CLR.
    public func verify(bytes: [UInt8], source: String? = nil) -> VerificationReport {
        withinBudget {
            switch Envelope.open(bytes, options: options) {
            case .failure(let problem):
                return VerificationReport(source: source, format: problem.format, checks: [problem.check], credential: nil)
            case .success(let envelope):
                return verify(envelope, source: source, depth: 0)
            }
        }
    }

    /// Verifies a parsed credential or presentation.
    public func verify(object: JSONObject, source: String? = nil, format: String = "json") -> VerificationReport {
        withinBudget { verify(Envelope(format: format, content: .json(object)), source: source, depth: 0) }
    }

    /// Runs one whole verification within `options.cpuTimeBudget`, which every stage draws from (through
    /// `WorkBudget.current`); when a stage stopped because it ran out, the report says so in a `limits` failure.
    /// A verification already running (a nested credential, a status list) shares its caller's budget.
    func withinBudget(_ verification: () -> VerificationReport) -> VerificationReport {
        if WorkBudget.current != nil { return verification() }
        let budget = WorkBudget(seconds: options.cpuTimeBudget)
        var report = budget.withCurrent(verification)
        if budget.isExhausted {
            let failure = Self.budgetExhausted(budget)
            report = VerificationReport(
                source: report.source, format: report.format, checks: PolicyRun.merged([failure] + report.checks),
                credential: report.credential, nested: report.nested, issuer: report.issuer)
        }
        return report
    }

    /// The failure reported when a verification used up its CPU-time budget.
    static func budgetExhausted(_ budget: WorkBudget) -> CheckResult {
        .fail(.limits,
            "Verification stopped: checking this file needed more than \(budget.description) (real badges need a "
                + "few milliseconds), so it was built to be expensive or is far too complex to check.")
    }

    /// Every check on one opened document.
    func verify(_ envelope: Envelope, source: String?, depth: Int) -> VerificationReport {
        if let assertion = OpenBadges2Input(envelope) {
            return verifyOpenBadges2(assertion, format: envelope.format, source: source)
        }
        let check = ProofCheck(resources: resources, options: options)
        let json: JSONObject
        let proof: ProofOutcome
        switch envelope.content {
        case .hostedURL(let url):
            return verifyOpenBadges2(.hosted(url: url), format: envelope.format, source: source)
        case .json(let object):
            json = object
            let kind = CredentialKind(types: AchievementCredential(json: object).types)
            proof = check.dataIntegrity(object, role: kind == .presentation ? .holder : .issuer)
        case .jwt(let jws, let token, let credential):
            proof = check.jwt(jws, token: token, credential: credential)
            guard let credential else {
                return VerificationReport(
                    source: source, format: envelope.format, checks: PolicyRun.proofChecks(proof), credential: nil)
            }
            json = credential
        }
        let credential = CredentialUnderTest(json: json)
        let context = VerificationContext(credential: credential, options: options, proof: proof, depth: depth, verifier: self)
        let policies = credential.kind == .presentation ? Self.presentationPolicies : Self.credentialPolicies
        let run = PolicyRun(policies, context)
        var summary = CredentialSummary(credential)
        if credential.kind == .presentation { summary.recipient = proof.subject }
        return VerificationReport(
            source: source, format: envelope.format, checks: run.checks, credential: summary, nested: run.nested,
            issuer: IssuerIdentity(context))
    }

    /// A status list credential's own checks: its type, its proof and key binding, and its dates. Key documents are
    /// looked up through `resources` (the verifier's, or one that records what was read).
    func verifyStatusList(_ json: JSONObject, depth: Int, resources: (any ResourceResolver)? = nil) -> VerificationReport {
        let proof = ProofCheck(resources: resources ?? self.resources, options: options).dataIntegrity(json, role: .issuer)
        let credential = CredentialUnderTest(json: json)
        let context = VerificationContext(credential: credential, options: options, proof: proof, depth: depth, verifier: self)
        var checks = PolicyRun(Self.statusListPolicies, context).checks
        if credential.kind != .statusList {
            checks.insert(.fail(.type, "it is not a BitstringStatusListCredential"), at: 0)
        }
        return VerificationReport(source: nil, format: "json", checks: checks, credential: nil)
    }
}

/// Running a list of policies over one context: every outcome collected, in order.
struct PolicyRun {
    var checks: [CheckResult] = []
    var nested: [VerificationReport] = []

    init(_ policies: [any VerificationPolicy], _ context: VerificationContext) {
        let budget = WorkBudget.current
        for policy in policies {
            // Once the verification's CPU-time budget is spent, the remaining policies are not run: the
            // exhausted budget is reported instead (a failure, so a report cut short is never valid).
            if let budget, !budget.checkNow() {
                checks.append(Verifier.budgetExhausted(budget))
                break
            }
            let outcome = policy.evaluate(context)
            checks += outcome.checks
            nested += outcome.nested
        }
        checks = Self.merged(checks)
    }

    /// One check per id (scripts key on ids): checks of the same id are merged into the first one's place, with
    /// the worst outcome and every distinct message.
    static func merged(_ checks: [CheckResult]) -> [CheckResult] {
        func rank(_ check: CheckResult) -> Int {
            switch check.outcome {
            case .fail: 4
            case .warning: check.indeterminate ? 3 : 2
            case .pass: 1
            case .skipped: 0
            }
        }
        var out: [CheckResult] = []
        for check in checks {
            guard let index = out.firstIndex(where: { $0.id == check.id }) else {
                out.append(check)
                continue
            }
            let first = out[index]
            let worst = rank(check) > rank(first) ? check : first
            let other = worst == check ? first : check
            var message = worst.message
            if other.outcome != .pass && other.outcome != .skipped && other.message != worst.message {
                message += " " + other.message
            }
            out[index] = CheckResult(worst.id, worst.outcome, message, indeterminate: worst.indeterminate)
        }
        return out
    }

    /// The proof and key checks alone, for a token whose payload cannot be read.
    static func proofChecks(_ proof: ProofOutcome) -> [CheckResult] {
        let context = VerificationContext(
            credential: CredentialUnderTest(json: JSONObject()), options: VerificationOptions(at: 0), proof: proof,
            depth: 0, verifier: Verifier(options: VerificationOptions(at: 0)))
        return PolicyRun([ProofPolicy(), KeyResolutionPolicy()], context).checks
    }
}

/// An input opened once: what it was (`json`, `jwt`, `png`, `svg`) and the document inside, decoded.
struct Envelope {
    enum Content {
        /// A credential, presentation or learner record with embedded proofs.
        case json(JSONObject)
        /// A compact VC-JWT, with the credential its payload carries (nil when the payload cannot be read).
        case jwt(CompactJWS, token: String, credential: JSONObject?)
        /// The URL of a hosted Open Badges 2.0 assertion (baked into an image).
        case hostedURL(String)
    }

    var format: String
    var content: Content
    /// Whether the input was baked the Open Badges 2.0 way (so whatever it holds is read as Open Badges 2.0).
    var bakedOpenBadges2 = false

    /// Why an input cannot be opened: one failing check.
    struct Problem: Error {
        var format: String?
        var check: CheckResult
    }

    static func open(_ bytes: [UInt8], options: VerificationOptions) -> Swift.Result<Envelope, Problem> {
        if bytes.count > options.maxInputBytes {
            return .failure(Problem(format: nil, check: .fail(.limits,
                "The file is \(bytes.count) bytes, more than the \(options.maxInputBytes) bytes Laurel accepts.")))
        }
        var format = "json"
        var payload = bytes
        var bakedOpenBadges2 = false
        switch BakedImage.kind(of: bytes) {
        case .png, .svg:
            do {
                let extracted = try openBaked(bytes)
                format = extracted.kind.rawValue
                payload = Array(extracted.payload.utf8)
                bakedOpenBadges2 = extracted.openBadges2
                if bakedOpenBadges2 && OpenBadges2Context.isWebURL(extracted.payload) {
                    return .success(Envelope(format: format, content: .hostedURL(extracted.payload), bakedOpenBadges2: true))
                }
            } catch {
                let limit = [.imageTooLarge, .chunkTooLarge, .tooManyChunks, .tooDeep, .payloadTooLarge].contains(error.code)
                let kind = BakedImage.kind(of: bytes).rawValue
                let message = error.code == .noCredential
                    ? "This \(kind.uppercased()) holds no badge: \(error.reason)."
                    : "This \(kind.uppercased()) cannot be read as a badge image: \(error.reason)."
                return .failure(Problem(format: kind, check: CheckResult(limit ? .limits : .parse, .fail, message)))
            }
        case .unknown:
            break
        }
        // A JSON document starts with '{' (after white space); only other text can be a compact JWS.
        if let first = payload.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
            first != UInt8(ascii: "{")
        {
            let text = String(decoding: payload, as: UTF8.self).trimmingCharacters(in: " \n\r\t")
            if looksLikeJWS(text) {
                return jwt(text, format: format == "json" ? "jwt" : format).map {
                    Envelope(format: $0.format, content: $0.content, bakedOpenBadges2: bakedOpenBadges2)
                }
            }
            if first != UInt8(ascii: "[") {
                return .failure(Problem(format: format == "json" ? nil : format, check: .fail(.parse,
                    format == "json"
                        ? "This file holds no badge: it is not a credential (JSON), a VC-JWT or a badge image (PNG, SVG)."
                        : "This \(format.uppercased()) holds no readable badge: what is baked into it is neither JSON nor a VC-JWT.")))
            }
        }
        let value: JSONValue
        do {
            value = try JSONParser(limits: JSONLimits(maxBytes: options.maxInputBytes, maxDepth: 128)).parse(payload)
        } catch {
            let id: CheckID = error.code == .tooDeep || error.code == .tooLarge ? .limits : .parse
            return .failure(Problem(format: format, check: .fail(id, "This is not a readable badge: \(error.description).")))
        }
        guard case .object(let object) = value else {
            let kind = value.kindName == "array" ? "an array" : "a \(value.kindName)"
            return .failure(Problem(format: format, check: .fail(.parse, "This is not a badge: the JSON is \(kind), not an object.")))
        }
        return .success(Envelope(format: format, content: .json(object), bakedOpenBadges2: bakedOpenBadges2))
    }

    /// A compact JWS, with the credential in its payload (the `vc` claim for VC 1.1, else the payload without the
    /// JWT registered claims).
    static func jwt(_ token: String, format: String) -> Swift.Result<Envelope, Problem> {
        let jws: CompactJWS
        do {
            jws = try CompactJWS(parsing: token)
        } catch {
            return .failure(Problem(format: format, check: .fail(.parse, "This is not a readable VC-JWT: \(error.reason)")))
        }
        let credential = (try? jws.payloadObject()).map(VCJWT.credential(inPayload:))
        return .success(Envelope(format: format, content: .jwt(jws, token: token, credential: credential)))
    }

    /// A compact JWS: three base64url parts.
    static func looksLikeJWS(_ text: String) -> Bool {
        var dots = 0
        var partLength = 0
        for c in text.utf8 {
            if c == 0x2E {
                if partLength == 0 && dots < 2 { return false }
                dots += 1
                partLength = 0
                if dots > 2 { return false }
            } else if (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F {
                partLength += 1
            } else {
                return false
            }
        }
        return dots == 2
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let scalars = Set(set.unicodeScalars)
        var view = Substring(self)
        while let first = view.unicodeScalars.first, scalars.contains(first) { view = view.dropFirst() }
        while let last = view.unicodeScalars.last, scalars.contains(last) { view = view.dropLast() }
        return String(view)
    }
}
