public import LinkedData
import BadgeProofs
import OpenBadges

/// Verifies Open Badges 3.0 credentials, presentations and learner records: every check the standards ask for,
/// collected as policy outcomes into one report. Offline by default, and fails closed.
///
/// ```swift
/// let verifier = Verifier(options: VerificationOptions(at: now))
/// let report = verifier.verify(bytes: fileBytes, source: "badge.png")
/// print(report.verdict)   // .valid, .invalid or .indeterminate
/// ```
public struct Verifier: Sendable {
    public var options: VerificationOptions {
        didSet { statusLists = StatusListCache() }
    }
    /// Status lists already checked by this verifier (many badges share one list).
    private(set) var statusLists: StatusListCache

    public init(options: VerificationOptions) {
        self.options = options
        self.statusLists = StatusListCache()
    }

    /// The policies run on every credential, in report order.
    static let credentialPolicies: [any VerificationPolicy] = [
        ContextPolicy(), TypePolicy(), SchemaPolicy(), SafeModePolicy(),
    ]
    /// The same without safe mode, for credentials whose eddsa-rdfc-2022 proof check expands them in safe mode.
    static let structuralPolicies: [any VerificationPolicy] = [ContextPolicy(), TypePolicy(), SchemaPolicy()]
    static let datePolicies: [any VerificationPolicy] = [ValidFromPolicy(), ValidUntilPolicy()]

    /// Verifies one input file: credential JSON, a compact VC-JWT, a baked PNG or SVG, a presentation or a CLR.
    public func verify(bytes: [UInt8], source: String? = nil) -> VerificationReport {
        if bytes.count > options.maxInputBytes {
            return VerificationReport(
                source: source, format: nil,
                checks: [.fail(.limits, "The file is \(bytes.count) bytes, more than the \(options.maxInputBytes) bytes Laurel accepts.")],
                credential: nil)
        }
        var format = "json"
        var payload = bytes
        switch BakedImage.kind(of: bytes) {
        case .png, .svg:
            do {
                let extracted = try BadgeBaker.extract(from: bytes)
                format = extracted.kind.rawValue
                payload = Array(extracted.payload.utf8)
            } catch {
                let limit = [.imageTooLarge, .chunkTooLarge, .tooManyChunks, .tooDeep, .payloadTooLarge].contains(error.code)
                return VerificationReport(
                    source: source, format: BakedImage.kind(of: bytes).rawValue,
                    checks: [CheckResult(limit ? .limits : .parse, .fail, "The image does not carry a readable badge: \(error.reason)")],
                    credential: nil)
            }
        case .unknown:
            break
        }
        // A JSON document starts with '{' (after white space); only other text can be a compact JWS.
        if let first = payload.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }), first != UInt8(ascii: "{") {
            let text = String(decoding: payload, as: UTF8.self).trimmingCharacters(in: " \n\r\t")
            if Self.looksLikeJWS(text) {
                return verifyJWT(text, source: source, format: format == "json" ? "jwt" : format, depth: 0)
            }
        }
        let value: JSONValue
        do {
            value = try JSONParser(limits: JSONLimits(maxBytes: options.maxInputBytes, maxDepth: 128)).parse(payload)
        } catch {
            let id: CheckID = error.code == .tooDeep || error.code == .tooLarge ? .limits : .parse
            return VerificationReport(
                source: source, format: format,
                checks: [.fail(id, "This is not a readable badge: \(error.description).")], credential: nil)
        }
        guard case .object(let object) = value else {
            return VerificationReport(
                source: source, format: format,
                checks: [.fail(.parse, "This is not a badge: the JSON is \(value.kindName == "array" ? "an array" : "a \(value.kindName)"), not an object.")],
                credential: nil)
        }
        return verify(object: object, source: source, format: format)
    }

    /// Verifies a parsed credential or presentation.
    public func verify(object: JSONObject, source: String? = nil, format: String = "json") -> VerificationReport {
        let types = AchievementCredential(json: object).types
        if types.contains("VerifiablePresentation") {
            return verifyPresentation(object, source: source, format: format)
        }
        return verifyCredential(object, source: source, format: format, depth: 0)
    }

    /// All checks on one credential with embedded proofs.
    func verifyCredential(_ json: JSONObject, source: String?, format: String, depth: Int) -> VerificationReport {
        let credential = CredentialUnderTest(json: json)
        var checks: [CheckResult] = []
        for policy in Self.structuralPolicies {
            checks += policy.check(credential, options: options)
        }
        let proof = ProofPolicy().evaluate(credential, options: options)
        checks += proof.expandedInSafeMode
            ? [.pass(.safeMode, SafeModePolicy.passMessage)] : SafeModePolicy().check(credential, options: options)
        checks += proof.results
        for policy in Self.datePolicies {
            checks += policy.check(credential, options: options)
        }
        var nested: [VerificationReport] = []
        checks += StatusPolicy(verifier: self, depth: depth).check(credential, options: options)
        checks += RecipientPolicy().check(credential, options: options)
        let endorsements = nestedEndorsements(of: credential, depth: depth)
        nested += endorsements.reports
        checks += endorsements.checks
        if credential.kind == .clr {
            let members = clrMembers(of: credential, depth: depth)
            nested += members.reports
            checks += members.checks
        }
        checks += TrustPolicy().check(credential, options: options)
        return VerificationReport(
            source: source, format: format, checks: checks, credential: CredentialSummary(credential), nested: nested)
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
