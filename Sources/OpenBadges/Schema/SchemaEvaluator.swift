import LinkedData

/// One step of a path into an instance: a member name or an array position.
enum InstancePathComponent: Sendable, Hashable {
    case key(String)
    case index(Int)

    /// `credentialSubject.result[1].type`; names that are not plain words are written `["a.b"]`.
    static func render(_ components: [InstancePathComponent]) -> String {
        var text = ""
        for component in components {
            switch component {
            case .key(let name):
                if isPlain(name) {
                    if !text.isEmpty { text += "." }
                    text += name
                } else {
                    text += "[\"" + name.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\"]"
                }
            case .index(let position):
                text += "[\(position)]"
            }
        }
        return text
    }

    private static func isPlain(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy {
                ($0.value >= 48 && $0.value <= 57) || ($0.value >= 65 && $0.value <= 90)
                    || ($0.value >= 97 && $0.value <= 122) || "_@$-:".unicodeScalars.contains($0)
            }
    }
}

/// Applies a compiled schema to an instance, collecting violations with their instance paths.
///
/// Work is bounded: every subschema application costs a step and nests one level, and evaluation stops with
/// `exhausted` set when the budget or the depth limit is reached (a `$ref` loop that never moves into the
/// instance runs into the depth limit).
struct SchemaEvaluator {
    enum Limit: Sendable, Hashable {
        case steps
        case depth
    }

    let nodes: [SchemaNode]
    let assertFormats: Bool
    let maxDepth: Int
    let maxSteps: Int
    private(set) var stepsLeft: Int
    private(set) var exhausted: Limit? = nil
    private var depth = 0
    /// The deepest `depth` an evaluation has entered at, for the memo's depth accounting.
    private var peakDepth = 0
    private var path: [InstancePathComponent] = []
    /// Results of subschemas applied to equal instances earlier (other documents validated with the same memo).
    private let memo: SchemaMemo.Table?

    init(schema: CompiledSchema, assertFormats: Bool, maxDepth: Int, maxSteps: Int, memo: SchemaMemo? = nil) {
        nodes = schema.nodes
        self.assertFormats = assertFormats
        self.maxDepth = maxDepth
        self.maxSteps = maxSteps
        stepsLeft = maxSteps
        self.memo = memo?.table(for: schema, assertFormats: assertFormats)
    }

    /// The violation that reports a reached limit.
    var limitViolation: SchemaViolation? {
        switch exhausted {
        case nil:
            return nil
        case .steps:
            return SchemaViolation(
                path: "", keyword: "limit",
                message: "validation stopped after \(maxSteps) schema checks; the document is too large or too "
                    + "repetitive to validate")
        case .depth:
            return SchemaViolation(
                path: "", keyword: "limit",
                message: "validation stopped: schemas nest more than \(maxDepth) levels deep here (the document is "
                    + "too deep, or the schema refers to itself without progress)")
        }
    }

    /// True when `instance` satisfies the node; violations are appended to `errors` unless it is `nil`, in which
    /// case evaluation stops at the first failure.
    mutating func evaluate(_ index: Int, _ instance: JSONValue, _ errors: inout [SchemaViolation]?) -> Bool {
        guard let memo, exhausted == nil, memo.isEligible(index, instance) else {
            return evaluateNode(index, instance, &errors)
        }
        // An evaluation is a function of the subschema and the instance alone (the path only names places in
        // messages), so an outcome found for an equal instance stands. It is reused only where it would come out
        // the same in every respect: a valid outcome anywhere (it reported nothing), an invalid one only where no
        // violations are collected; the steps it took are charged again, and it is not reused where the step
        // budget or the depth limit would have stopped it.
        let collecting = errors != nil
        if let known = memo.lookup(index, instance), known.valid || !collecting,
            stepsLeft - known.steps >= 0, depth + known.depth < maxDepth
        {
            stepsLeft -= known.steps
            return known.valid
        }
        let stepsBefore = stepsLeft
        let outerPeak = peakDepth
        peakDepth = depth
        let valid = evaluateNode(index, instance, &errors)
        if exhausted == nil && (valid || !collecting) {
            memo.store(index, instance, valid: valid, steps: stepsBefore - stepsLeft, depth: peakDepth - depth)
        }
        peakDepth = max(outerPeak, peakDepth)
        return valid
    }

    private mutating func evaluateNode(
        _ index: Int, _ instance: JSONValue, _ errors: inout [SchemaViolation]?
    ) -> Bool {
        if exhausted != nil { return false }
        if depth > peakDepth { peakDepth = depth }
        stepsLeft -= 1
        if stepsLeft < 0 {
            exhausted = .steps
            return false
        }
        if depth >= maxDepth {
            exhausted = .depth
            return false
        }
        depth += 1
        defer { depth -= 1 }
        if let constant = nodes[index].constant {
            if !constant { report(&errors, "false", index, "false", "no value is allowed here") }
            return constant
        }
        var valid = true
        let keywords = nodes[index].keywords
        // Indexing (rather than `for in`) lets each entry be borrowed from the array instead of copied.
        for position in keywords.indices where !check(keywords[position], index, instance, &errors) {
            valid = false
            if errors == nil || exhausted != nil { return false }
            if case .type = keywords[position].keyword { return false }  // the rest would restate the mismatch
        }
        return valid
    }

    mutating func isValid(_ index: Int, _ instance: JSONValue) -> Bool {
        var none: [SchemaViolation]? = nil
        return evaluate(index, instance, &none)
    }

    private var currentPath: String { InstancePathComponent.render(path) }

    /// Records a violation when violations are collected; the message is only composed then (a failed
    /// alternative of `anyOf` or `oneOf` is probed without collecting, and needs none).
    private func report(
        _ errors: inout [SchemaViolation]?, _ keyword: String, _ node: Int, _ schemaKeyword: String,
        _ message: @autoclosure () -> String
    ) {
        guard errors != nil else { return }
        let base = nodes[node].location
        let location = schemaKeyword == "false" ? base : base + "/" + schemaKeyword
        errors?.append(
            SchemaViolation(path: currentPath, keyword: keyword, message: message(), schemaLocation: location))
    }

    private mutating func descend(
        _ component: InstancePathComponent, _ index: Int, _ value: JSONValue, _ errors: inout [SchemaViolation]?
    ) -> Bool {
        path.append(component)
        defer { path.removeLast() }
        return evaluate(index, value, &errors)
    }

    // MARK: Keywords

    private mutating func check(
        _ entry: SchemaKeywordEntry, _ node: Int, _ instance: JSONValue,
        _ errors: inout [SchemaViolation]?
    ) -> Bool {
        let name = entry.name
        switch entry.keyword {
        case .ref(let target):
            return evaluate(target, instance, &errors)

        case .type(let types):
            if Self.admits(types, instance) { return true }
            report(&errors, name, node, name, "must be \(types.phrase), found \(Self.kindPhrase(instance))")
            return false

        case .enumeration(let options):
            if options.contains(where: { $0.schemaEquals(instance) }) { return true }
            report(&errors, name, node, name, "must be \(Self.listPhrase(options)), found \(Self.render(instance))")
            return false

        case .constant(let expected):
            if expected.schemaEquals(instance) { return true }
            report(&errors, name, node, name, "must be \(Self.render(expected)), found \(Self.render(instance))")
            return false

        case .minLength(let limit):
            guard case .string(let text) = instance else { return true }
            let length = text.unicodeScalars.count
            if length >= limit { return true }
            report(&errors, name, node, name, "must be at least \(limit) characters long, found \(length)")
            return false

        case .maxLength(let limit):
            guard case .string(let text) = instance else { return true }
            let length = text.unicodeScalars.count
            if length <= limit { return true }
            report(&errors, name, node, name, "must be at most \(limit) characters long, found \(length)")
            return false

        case .pattern(let regex):
            guard case .string(let text) = instance else { return true }
            if regex.matches(text) { return true }
            report(&errors, name, node, name, "\(Self.render(instance)) does not match the pattern \(regex.source)")
            return false

        case .format(let format):
            guard assertFormats, case .string(let text) = instance else { return true }
            if format.accepts(text) { return true }
            report(
                &errors, name, node, name,
                "\(Self.render(instance)) is not a valid \(format.rawValue): expected \(format.explanation)")
            return false

        case .minimum(let bound, let exclusive):
            guard case .number(let number) = instance else { return true }
            let value = number.doubleValue
            if exclusive ? value > bound.doubleValue : value >= bound.doubleValue { return true }
            report(
                &errors, name, node, name,
                "must be \(exclusive ? "greater than" : "at least") \(bound.lexeme), found \(number.lexeme)")
            return false

        case .maximum(let bound, let exclusive):
            guard case .number(let number) = instance else { return true }
            let value = number.doubleValue
            if exclusive ? value < bound.doubleValue : value <= bound.doubleValue { return true }
            report(
                &errors, name, node, name,
                "must be \(exclusive ? "less than" : "at most") \(bound.lexeme), found \(number.lexeme)")
            return false

        case .multipleOf(let divisor):
            guard case .number(let number) = instance else { return true }
            let quotient = number.doubleValue / divisor.doubleValue
            if quotient.isFinite && abs(quotient - quotient.rounded()) <= 1e-9 * max(1, abs(quotient)) { return true }
            report(&errors, name, node, name, "must be a multiple of \(divisor.lexeme), found \(number.lexeme)")
            return false

        case .required(let names):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for member in names where object[member] == nil {
                valid = false
                guard errors != nil else { return false }
                report(&errors, name, node, name, "missing required member '\(member)'")
            }
            return valid

        case .properties(let map):
            guard case .object(let object) = instance else { return true }
            var valid = true
            let members = object.members
            for position in members.indices {
                guard let child = map[members[position].key] else { continue }
                if !descend(.key(members[position].key), child, members[position].value, &errors) {
                    valid = false
                    if errors == nil { return false }
                }
            }
            return valid

        case .patternProperties(let patterns):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for member in object {
                for pattern in patterns where pattern.regex.matches(member.key) {
                    if !descend(.key(member.key), pattern.node, member.value, &errors) {
                        valid = false
                        if errors == nil { return false }
                    }
                }
            }
            return valid

        case .additionalProperties(let child, let declared, let patterns):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for member in object where !declared.contains(member.key) {
                if patterns.contains(where: { $0.matches(member.key) }) { continue }
                if nodes[child].constant == false {
                    valid = false
                    guard errors != nil else { return false }
                    path.append(.key(member.key))
                    report(
                        &errors, name, node, name,
                        "member '\(member.key)' is not allowed here (this object admits only the members its "
                            + "schema lists)")
                    path.removeLast()
                } else if !descend(.key(member.key), child, member.value, &errors) {
                    valid = false
                    if errors == nil { return false }
                }
            }
            return valid

        case .propertyNames(let child):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for member in object {
                var nested: [SchemaViolation]? = errors == nil ? nil : []
                path.append(.key(member.key))
                let ok = evaluate(child, .string(member.key), &nested)
                path.removeLast()
                if ok { continue }
                valid = false
                guard errors != nil else { return false }
                for var violation in nested ?? [] {
                    violation.message = "the member name is not allowed: " + violation.message
                    errors?.append(violation)
                }
            }
            return valid

        case .minProperties(let limit):
            guard case .object(let object) = instance else { return true }
            if object.count >= limit { return true }
            report(
                &errors, name, node, name, "must have at least \(Self.count(limit, "member")), found \(object.count)")
            return false

        case .maxProperties(let limit):
            guard case .object(let object) = instance else { return true }
            if object.count <= limit { return true }
            report(&errors, name, node, name, "must have at most \(Self.count(limit, "member")), found \(object.count)")
            return false

        case .dependentRequired(let requirements):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for requirement in requirements where object[requirement.name] != nil {
                for member in requirement.required where object[member] == nil {
                    valid = false
                    guard errors != nil else { return false }
                    report(
                        &errors, name, node, name,
                        "missing member '\(member)', which is required when '\(requirement.name)' is present")
                }
            }
            return valid

        case .dependentSchemas(let dependents):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for dependent in dependents where object[dependent.name] != nil {
                if !evaluate(dependent.node, instance, &errors) {
                    valid = false
                    if errors == nil { return false }
                }
            }
            return valid

        case .minItems(let limit):
            guard case .array(let items) = instance else { return true }
            if items.count >= limit { return true }
            report(
                &errors, name, node, name,
                "must have at least \(Self.count(limit, "item")), found \(items.count)")
            return false

        case .maxItems(let limit):
            guard case .array(let items) = instance else { return true }
            if items.count <= limit { return true }
            report(
                &errors, name, node, name,
                "must have at most \(Self.count(limit, "item")), found \(items.count)")
            return false

        case .uniqueItems:
            guard case .array(let items) = instance, items.count > 1 else { return true }
            guard let (first, second) = Self.firstDuplicate(items) else { return true }
            report(&errors, name, node, name, "items \(first) and \(second) are equal; items must be unique")
            return false

        case .prefixItems(let schemas):
            guard case .array(let items) = instance else { return true }
            var valid = true
            for (position, (item, child)) in zip(items, schemas).enumerated() {
                if !descend(.index(position), child, item, &errors) {
                    valid = false
                    if errors == nil { return false }
                }
            }
            return valid

        case .remainingItems(let child, let start):
            guard case .array(let items) = instance, items.count > start else { return true }
            var valid = true
            for position in start..<items.count {
                if nodes[child].constant == false {
                    report(
                        &errors, name, node, name,
                        "must have at most \(Self.count(start, "item")), found \(items.count)")
                    return false
                }
                if !descend(.index(position), child, items[position], &errors) {
                    valid = false
                    if errors == nil { return false }
                }
            }
            return valid

        case .contains(let child, let minimum, let maximum):
            guard case .array(let items) = instance else { return true }
            var matches = 0
            for item in items where isValid(child, item) {
                matches += 1
                if maximum == nil && matches >= minimum { break }
            }
            if exhausted != nil { return false }
            if matches >= minimum && (maximum.map { matches <= $0 } ?? true) { return true }
            let wanted = describe(child)
            if matches < minimum {
                let found = Self.arrayPreview(items).map { "; found \($0)" } ?? ""
                let message =
                    minimum == 1
                    ? "must contain \(wanted)\(found)"
                    : "must contain at least \(minimum) items that are \(wanted), found \(matches)"
                report(&errors, name, node, name, message)
                return false
            }
            if let maximum, matches > maximum {
                report(
                    &errors, "maxContains", node, "maxContains",
                    "must contain at most \(maximum) items that are \(wanted), found \(matches)")
                return false
            }
            return true

        case .allOf(let branches):
            var valid = true
            for branch in branches where !evaluate(branch, instance, &errors) {
                valid = false
                if errors == nil { return false }
            }
            return valid

        case .anyOf(let branches):
            for branch in branches where isValid(branch, instance) { return true }
            if exhausted != nil { return false }
            reportNoAlternative(&errors, name, node, branches, instance, exactlyOne: false)
            return false

        case .oneOf(let branches):
            var matched: [Int] = []
            for (offset, branch) in branches.enumerated() where isValid(branch, instance) {
                matched.append(offset)
                if matched.count > 1 && errors == nil { return false }
            }
            if exhausted != nil { return false }
            if matched.count == 1 { return true }
            if matched.isEmpty {
                reportNoAlternative(&errors, name, node, branches, instance, exactlyOne: true)
            } else {
                let described = matched.map { describe(branches[$0]) }
                report(
                    &errors, name, node, name,
                    "must match exactly one of the alternatives, but matches \(matched.count) of them ("
                        + described.joined(separator: "; ") + ")")
            }
            return false

        case .not(let child):
            if !isValid(child, instance) { return exhausted == nil }
            report(&errors, name, node, name, "must not be \(describe(child))")
            return false

        case .conditional(let condition, let then, let otherwise):
            if isValid(condition, instance) {
                if let then { return evaluate(then, instance, &errors) }
            } else if exhausted != nil {
                return false
            } else if let otherwise {
                return evaluate(otherwise, instance, &errors)
            }
            return true
        }
    }

    /// Reports a failed `anyOf`/`oneOf`. When only one alternative has the right JSON type for the instance,
    /// its own violations say more than "matches none" (an issuer object that is a Profile with a bad `type`),
    /// so those are reported instead.
    private mutating func reportNoAlternative(
        _ errors: inout [SchemaViolation]?, _ name: String, _ node: Int, _ branches: [Int],
        _ instance: JSONValue, exactlyOne: Bool
    ) {
        guard errors != nil else { return }
        let here = currentPath
        var candidates: [[SchemaViolation]] = []
        for branch in branches {
            var nested: [SchemaViolation]? = []
            _ = evaluate(branch, instance, &nested)
            let violations = nested ?? []
            let wrongKind = violations.contains { $0.path == here && ($0.keyword == "type" || $0.keyword == "false") }
            if !wrongKind { candidates.append(violations) }
        }
        if candidates.count == 1, let only = candidates.first, !only.isEmpty {
            errors?.append(contentsOf: only)
            return
        }
        let described = branches.map { describe($0) }
        report(
            &errors, name, node, name,
            "must be \(exactlyOne ? "exactly one of" : "one of"): " + described.joined(separator: "; ")
                + " — found \(Self.render(instance))")
    }

    // MARK: Describing schemas and values

    /// A short phrase for what a schema accepts, to complete "must be …" or "must contain …".
    func describe(_ index: Int, depth: Int = 0) -> String {
        let node = nodes[index]
        if let constant = node.constant { return constant ? "anything" : "nothing" }
        var types: JSONTypeSet? = nil
        var pattern: String? = nil
        var reference: Int? = nil
        for entry in node.keywords {
            switch entry.keyword {
            case .enumeration(let options): return Self.listPhrase(options)
            case .constant(let value): return Self.render(value)
            case .type(let set): types = set
            case .pattern(let regex): pattern = regex.source
            case .ref(let target): reference = target
            default: continue
            }
        }
        if let pattern { return "\(types?.phrase ?? "a string") matching \(pattern)" }
        if let reference, node.keywords.count == 1 {
            if let name = nodes[reference].definitionName { return Self.withArticle(name) }
            if depth < 4 { return describe(reference, depth: depth + 1) }
        }
        if let types {
            if let name = node.definitionName { return "\(Self.withArticle(name)) (\(types.phrase))" }
            return types.phrase
        }
        if let name = node.definitionName { return Self.withArticle(name) }
        return "valid against the schema at \(node.location)"
    }

    /// "1 item", "2 items".
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    static func withArticle(_ name: String) -> String {
        (name.first.map { "AEIOUaeiou".contains($0) } ?? false ? "an " : "a ") + name
    }

    static func admits(_ types: JSONTypeSet, _ instance: JSONValue) -> Bool {
        if types.contains(JSONTypeSet.of(instance)) { return true }
        if types.contains(.integer), case .number(let number) = instance {
            return DecimalValue(lexeme: number.lexeme)?.isInteger ?? false
        }
        return false
    }

    static func kindPhrase(_ value: JSONValue) -> String {
        switch value {
        case .string, .number, .bool, .null: "\(withArticle(value.kindName)) (\(render(value)))"
        case .array, .object: withArticle(value.kindName)
        }
    }

    /// A value for a message: strings in single quotes (shortened), numbers as written, containers by kind.
    static func render(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number.lexeme
        case .string(let text):
            let limit = 80
            let shown = text.unicodeScalars.count > limit ? String(text.unicodeScalars.prefix(limit)) + "…" : text
            return "'\(shown)'"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    static func listPhrase(_ options: [JSONValue]) -> String {
        if options.count == 1 { return render(options[0]) }
        let shown = options.prefix(6).map(render).joined(separator: ", ")
        return options.count > 6 ? "one of \(shown), … (\(options.count) values)" : "one of \(shown)"
    }

    /// `['VerifiableCredential', 'OtherCredential']` for a short array of scalars.
    static func arrayPreview(_ items: [JSONValue]) -> String? {
        guard items.count <= 6, items.allSatisfy({ $0.arrayValue == nil && $0.objectValue == nil }) else {
            return nil
        }
        return "[" + items.map(render).joined(separator: ", ") + "]"
    }

    static func firstDuplicate(_ items: [JSONValue]) -> (Int, Int)? {
        if items.count <= 32 {
            for first in 0..<items.count {
                for second in (first + 1)..<items.count where items[first].schemaEquals(items[second]) {
                    return (first, second)
                }
            }
            return nil
        }
        var seen: [[UInt8]: Int] = [:]
        for (position, item) in items.enumerated() {
            if let earlier = seen.updateValue(position, forKey: item.schemaEqualityKey) { return (earlier, position) }
        }
        return nil
    }
}
