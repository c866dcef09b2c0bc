public import LinkedData
import OpenBadges

extension VerificationReport {
    /// The report as one JSON object (the `laurel verify --format json` line and the server's API answer):
    /// `file`, `verdict`, `format`, `checks` [{`id`, `outcome`, `message`}], `credential` and `nested`; `noBadge`
    /// (true) when the input held no badge at all; for an Open Badges 2.0 assertion also `openBadges` {`version`
    /// "2.0", `verification` "hosted" or "signed", `url`, `host`, `algorithm`}.
    public var jsonValue: JSONValue {
        var object = JSONObject()
        object["reportVersion"] = .number(JSONNumber(Self.version))
        object["file"] = source.map(JSONValue.string) ?? .null
        object["verdict"] = .string(verdict.rawValue)
        object["headline"] = .string(headline)
        object["format"] = format.map(JSONValue.string) ?? .null
        if holdsNoBadge { object["noBadge"] = true }
        if let openBadges2 {
            var item = JSONObject()
            item["version"] = "2.0"
            item["verification"] = .string(openBadges2.method.rawValue)
            if let url = openBadges2.url { item["url"] = .string(url) }
            if let host = openBadges2.host { item["host"] = .string(host) }
            if let algorithm = openBadges2.algorithm { item["algorithm"] = .string(algorithm) }
            object["openBadges"] = .object(item)
        }
        object["checks"] = .array(checks.map { check in
            var item = JSONObject()
            item["id"] = .string(check.id.rawValue)
            item["outcome"] = .string(check.outcome.rawValue)
            item["message"] = .string(check.message)
            if check.indeterminate { item["indeterminate"] = true }
            return .object(item)
        })
        object["credential"] = credential.map(\.jsonValue) ?? .null
        if let issuer {
            var item = JSONObject()
            item["id"] = issuer.id.map(JSONValue.string) ?? .null
            item["name"] = issuer.name.map(JSONValue.string) ?? .null
            item["identity"] = .string(issuer.level.rawValue)
            if let vouchedBy = issuer.vouchedBy { item["vouchedBy"] = .string(vouchedBy) }
            if let listed = issuer.listedName { item["listedName"] = .string(listed) }
            object["issuer"] = .object(item)
        }
        if !nested.isEmpty {
            object["nested"] = .array(nested.map(\.jsonValue))
        }
        return .object(object)
    }

    /// The version of the JSON report's shape (`reportVersion`): 2 added `headline`, `issuer` and the summary line.
    public static let version = 2

    /// One line of JSON.
    public var jsonLine: String {
        JSONSerializer().serializeToString(jsonValue)
    }

    /// One line of JSON and its newline, as UTF-8 bytes (what the server's API sends).
    public var jsonLineBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4096)
        JSONSerializer().write(jsonValue, into: &bytes)
        bytes.append(0x0A)
        return bytes
    }

    /// A report a person reads: the answer first, then what the badge says, then each check.
    public func text(color: Bool = false) -> String {
        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        var out = ""
        let name = source.map { "\($0): " } ?? ""
        switch verdict {
        case .valid: out += paint("\(name)VALID", "1;32") + " — " + headline + "\n"
        case .invalid: out += paint("\(name)\(holdsNoBadge ? "NO BADGE" : "NOT VALID")", "1;31") + " — " + headline + "\n"
        case .indeterminate: out += paint("\(name)CANNOT TELL", "1;33") + " — " + headline + "\n"
        }
        if let credential {
            out += credential.text(indent: "  ")
        }
        if let issuer, let id = issuer.id, verdict != .invalid {
            let said = issuer.name.map { "'\($0)' is what \(id) calls itself" } ?? "\(id) gives no name"
            switch issuer.level {
            case .trusted:
                out += "  Identity:   trusted — on your trust list (\(issuer.vouchedBy ?? "trust list"))\n"
            case .domain:
                out += "  Identity:   domain — its key is published at \(issuer.vouchedBy ?? "its domain"); \(said)\n"
            case .selfAsserted:
                out += "  Identity:   self-asserted — \(said); nobody else vouches for it\n"
            case .unproven:
                out += "  Identity:   unproven — the key is not shown to belong to \(id)\n"
            }
        }
        out += "  Checks:\n"
        for check in checks {
            let mark: String
            switch check.outcome {
            case .pass: mark = paint("✓", "32")
            case .fail: mark = paint("✗", "31")
            case .warning: mark = paint(check.indeterminate ? "?" : "!", "33")
            case .skipped: mark = paint("-", "2")
            }
            out += "    \(mark) \(check.id.rawValue.padded(15)) \(check.message)\n"
        }
        for (index, report) in nested.enumerated() {
            let label = report.credential?.kind == "EndorsementCredential" ? "Endorsement" : "Included credential"
            out += "  \(label) \(index + 1): \(report.verdict.rawValue)"
            if let name = report.credential?.name { out += " — \(name)" }
            if let failure = report.checks.first(where: { $0.outcome == .fail }) { out += " (\(failure.message))" }
            out += "\n"
        }
        return out
    }
}

extension CredentialSummary {
    public var jsonValue: JSONValue {
        var object = JSONObject()
        func set(_ key: String, _ value: String?) { if let value { object[key] = .string(value) } }
        object["kind"] = .string(kind)
        set("id", id)
        set("name", name)
        set("description", description)
        set("image", image)
        set("issuerName", issuerName)
        set("issuerId", issuerID)
        set("issuerUrl", issuerURL)
        set("validFrom", validFrom)
        set("validUntil", validUntil)
        set("recipient", recipient)
        set("achievementName", achievementName)
        set("achievementType", achievementType)
        set("criteria", criteria)
        if !results.isEmpty {
            object["results"] = .array(results.map { line in
                var item = JSONObject()
                item["criterion"] = .string(line.criterion)
                item["achieved"] = .string(line.achieved)
                if let required = line.required { item["required"] = .string(required) }
                if let points = line.points { item["points"] = .string(points) }
                return .object(item)
            })
        }
        if !evidence.isEmpty {
            object["evidence"] = .array(evidence.map { line in
                var item = JSONObject()
                if let name = line.name { item["name"] = .string(name) }
                if let id = line.id { item["id"] = .string(id) }
                if let narrative = line.narrative { item["narrative"] = .string(narrative) }
                if let description = line.description { item["description"] = .string(description) }
                return .object(item)
            })
        }
        if !endorsements.isEmpty { object["endorsements"] = .array(endorsements.map(JSONValue.string)) }
        if !proofSuites.isEmpty { object["proofs"] = .array(proofSuites.map(JSONValue.string)) }
        return .object(object)
    }

    /// What the badge says, in a few lines.
    public func text(indent: String) -> String {
        var out = ""
        if let name { out += "\(indent)Badge:      \(name)\n" }
        if let description { out += "\(indent)About:      \(description.prefix(300))\n" }
        if let shown = issuerName ?? issuerID {
            out += "\(indent)Issuer:     \(shown)" + (shown == issuerID || issuerID == nil ? "" : " (\(issuerID!))") + "\n"
        }
        func readable(_ text: String) -> String { DateTimeZ(lenient: text)?.readable ?? text }
        if let validFrom { out += "\(indent)Issued on:  \(readable(validFrom))\n" }
        if let validUntil { out += "\(indent)Expires:    \(readable(validUntil))\n" }
        if let recipient { out += "\(indent)Awarded to: \(recipient)\n" }
        if let criteria { out += "\(indent)Criteria:   \(criteria.split(separator: "\n").first ?? "")\n" }
        for line in results {
            var text = "\(indent)Result:     \(line.criterion): \(line.achieved)"
            if let required = line.required { text += " (required: \(required))" }
            out += text + "\n"
        }
        for item in evidence {
            let label = [item.name ?? item.description, item.id.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " ")
            out += "\(indent)Evidence:   \(label)\n"
        }
        if !endorsements.isEmpty { out += "\(indent)Endorsed by: \(endorsements.joined(separator: ", "))\n" }
        return out
    }
}

extension String {
    fileprivate func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
