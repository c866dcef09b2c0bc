/// The Expansion and Value Expansion algorithms (JSON-LD 1.1 API §5.1, §5.3), with safe-mode checks.
extension JSONLDRun {
    /// The `expand()` entry point: expands a whole document and normalizes the result to an array.
    func expandDocument(_ document: JSONValue, documentURL: String?) throws(JSONLDError) -> [JSONValue] {
        var active = initialContext(documentURL: documentURL)
        if let expandContext = options.expandContext {
            var local = expandContext
            if case .object(let object) = expandContext, let inner = object["@context"] {
                local = inner
            }
            active = try processContext(active, local: local, baseURL: active.state.originalBaseURL)
        }
        let expanded = try expand(active, nil, nil, document, baseURL: documentURL ?? options.base)
        try throwIfDataLoss()
        switch expanded {
        case nil:
            return []
        case .array(let items)?:
            return items
        case .object(let object)? where object.count == 1:
            if let graph = object["@graph"] {
                return graph.arrayValue ?? [graph]
            }
            return [.object(object)]
        case let value?:
            return [value]
        }
    }

    /// Safe mode: whether an expanded identifier survives — absolute (and, when converting to RDF, well-formed)
    /// or a blank node identifier.
    func isUsableIdentifier(_ identifier: String) -> Bool {
        if IRI.isBlankNode(identifier) { return true }
        return forRDF ? IRI.isWellFormed(identifier) : IRI.isAbsolute(identifier)
    }

    /// Safe mode, when converting to RDF: a base direction is dropped unless `rdfDirection` is set.
    func checkDirection(_ direction: String?) {
        if forRDF, direction != nil, options.rdfDirection == nil {
            noteLoss("the base direction would be dropped from the RDF (set the rdfDirection option to keep it)")
        }
    }

    /// The keyword `key` expands to in `context`, if any (IRI expansion with vocab = true, keywords only).
    @inline(__always)
    func keyword(of key: String, in context: ActiveContext) -> String? {
        context.state.keyword(of: key)
    }

    /// The Expansion algorithm (§5.1.2). Returns `nil` for null. `definition` is the term definition of
    /// `activeProperty` in `active` (looked up once by the caller).
    func expand(
        _ active: ActiveContext, _ activeProperty: String?, _ definition: TermDefinition?, _ element: JSONValue,
        baseURL: String?, fromMap: Bool = false
    ) throws(JSONLDError) -> JSONValue? {
        try step()
        switch element {
        case .null:
            return nil
        case .array(let items):
            try enter()
            defer { depth -= 1 }
            let isList = definition?.container.contains(.list) ?? false
            var result: [JSONValue] = []
            result.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                path.append(.index(index))
                defer { path.removeLast() }
                guard
                    let expanded = try expand(
                        active, activeProperty, definition, item, baseURL: baseURL, fromMap: fromMap)
                else { continue }
                if case .array(let inner) = expanded {
                    if isList {
                        result.append(.object(JSONObject(uniqueMembers: [.init(key: "@list", value: expanded)])))
                    } else {
                        result.append(contentsOf: inner)
                    }
                } else {
                    result.append(expanded)
                }
            }
            return .array(result)
        case .object(let object):
            try enter()
            defer { depth -= 1 }
            return try expandObject(active, activeProperty, definition, object, baseURL: baseURL, fromMap: fromMap)
        default:
            guard let activeProperty, activeProperty != "@graph" else {
                if safeMode {
                    noteLoss("the value \(describe(element)) is not the value of any property and would be dropped")
                }
                return nil
            }
            if let scoped = definition?.scopedContext {
                let context = try applyScopedContext(scoped, to: active, overrideProtected: true)
                return try expandValue(context, activeProperty, context.term(activeProperty), element)
            }
            return try expandValue(active, activeProperty, definition, element)
        }
    }

    @inline(__always)
    func enter() throws(JSONLDError) {
        depth += 1
        if depth > options.limits.maxDepth {
            throw error(.nestingTooDeep, "arrays and objects nest deeper than \(options.limits.maxDepth) levels")
        }
    }

    /// A short rendering of a scalar for messages.
    func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return "\"\(text)\""
        case .number(let number): return number.lexeme
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .array: return "array"
        case .object: return "object"
        }
    }

    // MARK: - Maps

    private func expandObject(
        _ activeIn: ActiveContext, _ activeProperty: String?, _ propertyDefinition: TermDefinition?,
        _ element: JSONObject, baseURL: String?, fromMap: Bool
    ) throws(JSONLDError) -> JSONValue? {
        var active = activeIn
        let members = element.members

        // Step 7: a non-propagated (type-scoped) context does not apply inside a new node object.
        if let previous = active.state.previousContext, !fromMap {
            var revert = true
            for member in members where active.state.keyword(of: member.key) == "@value" {
                revert = false
                break
            }
            if revert && members.count == 1 && active.state.keyword(of: members[0].key) == "@id" {
                revert = false
            }
            if revert {
                active = previous
            }
        }
        // Step 8: property-scoped context.
        if let propertyScoped = propertyDefinition?.scopedContext {
            active = try applyScopedContext(propertyScoped, to: active, overrideProtected: true)
        }
        // Step 9: embedded context.
        for member in members where member.key.utf8.count == 8 && member.key == "@context" {
            path.append(.key("@context"))
            active = try processContext(active, local: member.value, baseURL: baseURL)
            path.removeLast()
        }
        // Steps 10-11: type-scoped contexts, in code point order of keys and of type values.
        let typeScoped = active
        var typeKeys: [Int] = []
        for index in members.indices where active.state.keyword(of: members[index].key) == "@type" {
            typeKeys.append(index)
        }
        if typeKeys.count > 1 {
            typeKeys.sort { Self.codePointLess(members[$0].key, members[$1].key) }
        }
        for index in typeKeys {
            switch members[index].value {
            case .string(let term):
                if let scoped = typeScoped.term(term)?.scopedContext {
                    active = try applyScopedContext(scoped, to: active, propagate: false)
                }
            case .array(let items):
                var terms: [String] = []
                for case .string(let term) in items { terms.append(term) }
                if terms.count > 1 { terms.sort(by: Self.codePointLess) }
                for term in terms {
                    if let scoped = typeScoped.term(term)?.scopedContext {
                        active = try applyScopedContext(scoped, to: active, propagate: false)
                    }
                }
            default:
                break
            }
        }
        // Step 12: input type.
        var inputType: String?
        if let first = typeKeys.first {
            var last: String?
            switch members[first].value {
            case .string(let value): last = value
            case .array(let items): last = items.last?.stringValue
            default: break
            }
            if let last {
                inputType = expandIRI(last, active, vocab: true)
            }
        }

        var result = ObjectBuilder()
        result.reserveCapacity(members.count)
        var nests: [String] = []
        try expandEntries(
            active, typeScoped: typeScoped, activeProperty, members, into: &result, nests: &nests,
            inputType: inputType, baseURL: baseURL)
        if !nests.isEmpty {
            try expandNests(
                active, typeScoped: typeScoped, element, nests: nests, into: &result, inputType: inputType,
                baseURL: baseURL)
        }

        // Steps 15-19.
        if result.has(.value) {
            if result.has(.type) && (result.has(.language) || result.has(.direction)) {
                throw error(.invalidValueObject, "a value object cannot have both @type and @language or @direction")
            }
            for member in result.members {
                switch member.key {
                case "@value", "@index", "@type", "@language", "@direction":
                    continue
                default:
                    throw error(.invalidValueObject, "a value object must not have the entry \(member.key)")
                }
            }
            let type = result["@type"]
            if type != .string("@json") {
                let value = result["@value"] ?? .null
                if value == .null || value == .array([]) {
                    if safeMode {
                        noteLoss("the value object has a null @value and would be dropped")
                    }
                    return nil
                }
                if result.has(.language), value.stringValue == nil {
                    throw error(.invalidLanguageTaggedValue, "only strings can have a language, not \(describe(value))")
                }
                if let type {
                    guard case .string(let typeIRI) = type, IRI.isWellFormed(typeIRI) else {
                        throw error(.invalidTypedValue, "the @type of a value object must be an absolute IRI")
                    }
                }
            }
        } else if result.has(.type), let type = result["@type"], type.arrayValue == nil {
            result["@type"] = .array([type])
        } else if result.has(.set) || result.has(.list) {
            let count = result.members.count
            if count > 2 || (count == 2 && !result.has(.index)) {
                throw error(.invalidSetOrListObject, "a set or list object may only have @index besides @set or @list")
            }
            if result.has(.set), let set = result["@set"] {
                guard case .object(let inner) = set else { return set }
                result = ObjectBuilder(inner)
            }
        }

        let count = result.members.count
        if count == 1 && result.has(.language) {
            if safeMode {
                noteLoss("the object has only @language and would be dropped")
            }
            return nil
        }
        if activeProperty == nil || activeProperty == "@graph" {
            if count == 0 || result.has(.value) || result.has(.list) {
                if safeMode {
                    noteLoss(
                        count == 0
                            ? "the object is empty and would be dropped"
                            : "the value or list is not the value of any property and would be dropped")
                }
                return nil
            }
            if count == 1 && result.has(.id) {
                if safeMode {
                    noteLoss("the node object has only an identifier and no properties, so it would be dropped")
                }
                return nil
            }
        }
        return .object(JSONObject(uniqueMembers: result.members))
    }

    /// Step 13: expands each entry of `element` into `result`.
    private func expandEntries(
        _ active: ActiveContext, typeScoped: ActiveContext, _ activeProperty: String?, _ members: [JSONObject.Member],
        into result: inout ObjectBuilder, nests: inout [String], inputType: String?, baseURL: String?
    ) throws(JSONLDError) {
        let mode = active.state.processingMode
        for member in members {
            let key = member.key
            let definition = active.term(key)
            // IRI expansion of the key (vocab = true), reusing the definition when there is one.
            let expandedProperty: String?
            if let definition {
                expandedProperty = definition.keyword ?? definition.iri
            } else {
                if key == "@context" { continue }
                expandedProperty = expandIRI(key, active, vocab: true)
            }
            path.append(.key(key))
            defer { path.removeLast() }
            guard let expandedProperty,
                expandedProperty.utf8.first == UInt8(ascii: "@")
                    ? Keyword.isKeyword(expandedProperty)
                    : (definition.map { $0.iriHasColon } ?? IRI.contains(UInt8(ascii: ":"), in: expandedProperty))
            else {
                if safeMode {
                    noteLoss("the property \"\(key)\" is not defined by the context and would be dropped")
                }
                continue
            }

            if safeMode && forRDF && expandedProperty.utf8.first != UInt8(ascii: "@") {
                if IRI.isBlankNode(expandedProperty) {
                    if !options.produceGeneralizedRdf {
                        noteLoss("the property \"\(key)\" is a blank node, which RDF does not allow as a predicate")
                    }
                } else if !(definition.map { $0.iriIsWellFormed } ?? IRI.isWellFormed(expandedProperty)) {
                    noteLoss("the property \"\(key)\" does not expand to a well-formed IRI")
                }
            }
            if expandedProperty.utf8.first == UInt8(ascii: "@") {
                try expandKeywordEntry(
                    active, typeScoped: typeScoped, activeProperty, key: key, keyword: expandedProperty,
                    value: member.value, into: &result, nests: &nests, inputType: inputType, baseURL: baseURL,
                    mode: mode)
                continue
            }

            let value = member.value
            let container = definition?.container ?? []
            var expandedValue: JSONValue?
            if definition?.typeKind == .json {
                expandedValue = .object(
                    JSONObject(uniqueMembers: [.init(key: "@value", value: value), .init(key: "@type", value: "@json")]))
            } else if !container.isEmpty, case .object(let map) = value,
                !container.isDisjoint(with: [.language, .index, .type, .id])
            {
                if container.contains(.language) {
                    expandedValue = try expandLanguageMap(active, definition: definition, map)
                } else {
                    expandedValue = try expandIndexMap(
                        active, key: key, definition: definition, container: container, map, baseURL: baseURL)
                }
            } else {
                expandedValue = try expand(active, key, definition, value, baseURL: baseURL)
            }
            guard var expanded = expandedValue else { continue }

            if container.contains(.list) && !Self.isListObject(expanded) {
                expanded = .object(JSONObject(uniqueMembers: [.init(key: "@list", value: .array(Self.asArray(expanded)))]))
            }
            if container.contains(.graph) && !container.contains(.id) && !container.contains(.index) {
                expanded = .array(
                    Self.asArray(expanded).map {
                        .object(JSONObject(uniqueMembers: [.init(key: "@graph", value: .array(Self.asArray($0)))]))
                    })
            }
            if definition?.isReverse == true {
                var reverseMap = ObjectBuilder(result["@reverse"]?.objectValue)
                for item in Self.asArray(expanded) {
                    if Self.isValueObject(item) || Self.isListObject(item) {
                        throw error(
                            .invalidReversePropertyValue,
                            "the reverse property \"\(key)\" cannot have a value or list object as its value")
                    }
                    reverseMap.addValue(expandedProperty, item)
                }
                result["@reverse"] = .object(JSONObject(uniqueMembers: reverseMap.members))
            } else {
                result.addValue(expandedProperty, expanded)
            }
        }
    }

    /// Step 13.4: an entry whose key expands to a keyword.
    private func expandKeywordEntry(
        _ active: ActiveContext, typeScoped: ActiveContext, _ activeProperty: String?, key: String, keyword: String,
        value: JSONValue, into result: inout ObjectBuilder, nests: inout [String], inputType: String?,
        baseURL: String?, mode: JSONLDOptions.ProcessingMode
    ) throws(JSONLDError) {
        if activeProperty == "@reverse" {
            throw error(.invalidReversePropertyMap, "a reverse property map cannot contain the keyword \(keyword)")
        }
        if result[keyword] != nil && (mode == .jsonLD10 || (keyword != "@included" && keyword != "@type")) {
            throw error(.collidingKeywords, "the keyword \(keyword) is given more than once (through an alias)")
        }
        var expandedValue: JSONValue?
        switch keyword {
        case "@id":
            guard case .string(let reference) = value else {
                throw error(.invalidIdValue, "the value of @id must be a string, not \(value.kindName)")
            }
            let expanded = expandIRI(reference, active, documentRelative: true)
            if safeMode {
                if let expanded {
                    if !isUsableIdentifier(expanded) {
                        noteLoss("the @id \"\(reference)\" is not an absolute IRI and would be dropped")
                    }
                } else {
                    noteLoss("the @id \"\(reference)\" is a reserved keyword form and would be dropped")
                }
            }
            // A keyword-form identifier is ignored: the entry is kept as null.
            expandedValue = expanded.map { .string($0) } ?? .null

        case "@type":
            var types: [JSONValue] = []
            var isArray = false
            switch value {
            case .string(let type):
                if let expanded = expandTypeValue(type, typeScoped) { types.append(.string(expanded)) }
            case .array(let items):
                isArray = true
                types.reserveCapacity(items.count)
                for (index, item) in items.enumerated() {
                    guard case .string(let type) = item else {
                        throw error(.invalidTypeValue, "the values of @type must be strings")
                    }
                    path.append(.index(index))
                    defer { path.removeLast() }
                    if let expanded = expandTypeValue(type, typeScoped) { types.append(.string(expanded)) }
                }
            default:
                throw error(.invalidTypeValue, "the value of @type must be a string or an array of strings")
            }
            if let existing = result["@type"] {
                expandedValue = .array(Self.asArray(existing) + types)
            } else if isArray {
                expandedValue = .array(types)
            } else {
                expandedValue = types.first
            }

        case "@graph":
            let expanded = try expand(active, "@graph", nil, value, baseURL: baseURL)
            expandedValue = .array(expanded.map(Self.asArray) ?? [])

        case "@included":
            if mode == .jsonLD10 { return }
            // Expanded with @included as active property, so that scalars, value and list objects are kept and
            // rejected below rather than silently dropped as free-floating.
            let expanded = try expand(active, "@included", nil, value, baseURL: baseURL)
            var items = expanded.map(Self.asArray) ?? []
            for item in items where !Self.isNodeObject(item) {
                throw error(.invalidIncludedValue, "the values of @included must be node objects")
            }
            if let existing = result["@included"] {
                items = Self.asArray(existing) + items
            }
            expandedValue = .array(items)

        case "@value":
            if inputType == "@json" {
                if mode == .jsonLD10 {
                    throw error(.invalidValueObjectValue, "JSON literals need json-ld-1.1 processing mode")
                }
                expandedValue = value
            } else {
                switch value {
                case .array, .object:
                    throw error(.invalidValueObjectValue, "the value of @value must be a scalar or null")
                case .null:
                    result["@value"] = .null
                    return
                default:
                    expandedValue = value
                }
            }

        case "@language":
            guard case .string(let tag) = value else {
                throw error(.invalidLanguageTaggedString, "the value of @language must be a string")
            }
            if safeMode && !IRI.isWellFormedLanguageTag(tag) {
                noteLoss("the language tag \"\(tag)\" is not well-formed and would be dropped")
            }
            expandedValue = .string(tag.asciiLowercased())

        case "@direction":
            if mode == .jsonLD10 { return }
            guard case .string(let direction) = value, direction == "ltr" || direction == "rtl" else {
                throw error(.invalidBaseDirection, "the value of @direction must be \"ltr\" or \"rtl\"")
            }
            if safeMode { checkDirection(direction) }
            expandedValue = value

        case "@index":
            guard case .string = value else {
                throw error(.invalidIndexValue, "the value of @index must be a string")
            }
            expandedValue = value

        case "@list":
            guard let activeProperty, activeProperty != "@graph" else {
                if safeMode {
                    noteLoss("the list is not the value of any property and would be dropped")
                }
                return
            }
            let expanded = try expand(active, activeProperty, active.term(activeProperty), value, baseURL: baseURL)
            expandedValue = .array(expanded.map(Self.asArray) ?? [])

        case "@set":
            expandedValue = try expand(
                active, activeProperty, activeProperty.flatMap { active.term($0) }, value, baseURL: baseURL)

        case "@reverse":
            guard case .object = value else {
                throw error(.invalidReverseValue, "the value of @reverse must be a map")
            }
            guard case .object(let expanded)? = try expand(active, "@reverse", nil, value, baseURL: baseURL) else {
                return
            }
            if let doubleReversed = expanded["@reverse"]?.objectValue {
                for member in doubleReversed {
                    result.addValue(member.key, member.value)
                }
            }
            if expanded.count > (expanded["@reverse"] == nil ? 0 : 1) {
                var reverseMap = ObjectBuilder(result["@reverse"]?.objectValue)
                for member in expanded where member.key != "@reverse" {
                    for item in Self.asArray(member.value) {
                        if Self.isValueObject(item) || Self.isListObject(item) {
                            throw error(
                                .invalidReversePropertyValue,
                                "a reverse property cannot have a value or list object as its value")
                        }
                        reverseMap.addValue(member.key, item)
                    }
                }
                result["@reverse"] = .object(JSONObject(uniqueMembers: reverseMap.members))
            }
            return

        case "@nest":
            nests.append(key)  // keys of a map are unique
            return

        default:
            if safeMode {
                noteLoss("the keyword \(keyword) has no meaning in a node object and would be dropped")
            }
            return
        }
        if let expandedValue {
            result[keyword] = expandedValue
        }
    }

    /// Expands one `@type` value (vocabulary-relative) and checks it in safe mode.
    private func expandTypeValue(_ type: String, _ typeScoped: ActiveContext) -> String? {
        let expanded = expandIRI(type, typeScoped, documentRelative: true, vocab: true)
        if safeMode {
            if let expanded {
                if !isUsableIdentifier(expanded) {
                    noteLoss("the type \"\(type)\" is not defined by the context and would be dropped")
                }
            } else {
                noteLoss("the type \"\(type)\" is a reserved keyword form and would be dropped")
            }
        }
        return expanded
    }

    /// Step 14: nested properties.
    private func expandNests(
        _ active: ActiveContext, typeScoped: ActiveContext, _ element: JSONObject, nests: [String],
        into result: inout ObjectBuilder, inputType: String?, baseURL: String?
    ) throws(JSONLDError) {
        for nestingKey in nests {
            guard let nestedValue = element[nestingKey] else { continue }
            path.append(.key(nestingKey))
            defer { path.removeLast() }
            let isArray = nestedValue.arrayValue != nil
            for (index, nested) in Self.asArray(nestedValue).enumerated() {
                if isArray { path.append(.index(index)) }
                defer { if isArray { path.removeLast() } }
                guard case .object(let nestedObject) = nested else {
                    throw error(.invalidNestValue, "the value of a nesting property must be a map")
                }
                for member in nestedObject.members where expandIRI(member.key, active, vocab: true) == "@value" {
                    throw error(.invalidNestValue, "a nested map cannot contain @value")
                }
                var nestedActive = active
                if let scoped = active.term(nestingKey)?.scopedContext {
                    nestedActive = try applyScopedContext(scoped, to: active, overrideProtected: true)
                }
                var innerNests: [String] = []
                try expandEntries(
                    nestedActive, typeScoped: typeScoped, nestingKey, nestedObject.members, into: &result,
                    nests: &innerNests, inputType: inputType, baseURL: baseURL)
                if !innerNests.isEmpty {
                    try expandNests(
                        nestedActive, typeScoped: typeScoped, nestedObject, nests: innerNests, into: &result,
                        inputType: inputType, baseURL: baseURL)
                }
            }
        }
    }

    /// Step 13.7: a language map.
    private func expandLanguageMap(_ active: ActiveContext, definition: TermDefinition?, _ map: JSONObject)
        throws(JSONLDError) -> JSONValue
    {
        var expanded: [JSONValue] = []
        var direction = active.state.defaultDirection
        switch definition?.direction {
        case .value(let value)?: direction = value
        case .null?: direction = nil
        default: break
        }
        for member in map.members {
            let language = member.key
            path.append(.key(language))
            defer { path.removeLast() }
            let isNone = language == "@none" || expandIRI(language, active, vocab: true) == "@none"
            if safeMode && !isNone && !IRI.isWellFormedLanguageTag(language) {
                noteLoss("the language tag \"\(language)\" is not well-formed and would be dropped")
            }
            for item in Self.asArray(member.value) {
                switch item {
                case .null:
                    continue
                case .string:
                    var members: [JSONObject.Member] = [.init(key: "@value", value: item)]
                    if !isNone {
                        members.append(.init(key: "@language", value: .string(language.asciiLowercased())))
                    }
                    if let direction {
                        if safeMode { checkDirection(direction) }
                        members.append(.init(key: "@direction", value: .string(direction)))
                    }
                    expanded.append(.object(JSONObject(uniqueMembers: members)))
                default:
                    throw error(.invalidLanguageMapValue, "the values of a language map must be strings")
                }
            }
        }
        return .array(expanded)
    }

    /// Step 13.8: an index, id or type map.
    private func expandIndexMap(
        _ active: ActiveContext, key: String, definition: TermDefinition?, container: ContainerSet, _ map: JSONObject,
        baseURL: String?
    ) throws(JSONLDError) -> JSONValue {
        var expanded: [JSONValue] = []
        let indexKey = definition?.index ?? "@index"
        for member in map.members {
            let index = member.key
            path.append(.key(index))
            defer { path.removeLast() }
            var mapContext = active
            if container.contains(.id) || container.contains(.type) {
                mapContext = active.state.previousContext ?? active
                if container.contains(.type), let scoped = mapContext.term(index)?.scopedContext {
                    mapContext = try applyScopedContext(scoped, to: mapContext)
                }
            }
            let expandedIndex = expandIRI(index, active, vocab: true)
            let indexValue: JSONValue = member.value.arrayValue != nil ? member.value : .array([member.value])
            let items =
                try expand(mapContext, key, mapContext.term(key), indexValue, baseURL: baseURL, fromMap: true)
                .map(Self.asArray) ?? []
            for var item in items {
                if container.contains(.graph) && !Self.isGraphObject(item) {
                    item = .object(JSONObject(uniqueMembers: [.init(key: "@graph", value: .array(Self.asArray(item)))]))
                }
                guard case .object(let itemObject) = item else {
                    expanded.append(item)
                    continue
                }
                var object = ObjectBuilder(itemObject)
                if container.contains(.index) && indexKey != "@index" && expandedIndex != "@none" {
                    let reExpanded = try expandValue(active, indexKey, active.term(indexKey), .string(index))
                    let expandedIndexKey = expandIRI(indexKey, active, vocab: true) ?? indexKey
                    var values = [reExpanded]
                    if let existing = object[expandedIndexKey] {
                        values.append(contentsOf: Self.asArray(existing))
                    }
                    object[expandedIndexKey] = .array(values)
                    if object.has(.value) {
                        throw error(.invalidValueObject, "a value object in a property-valued index cannot take \(indexKey)")
                    }
                } else if container.contains(.index) && !object.has(.index) && expandedIndex != "@none" {
                    object["@index"] = .string(index)
                } else if container.contains(.id) && !object.has(.id) && expandedIndex != "@none" {
                    let id = expandIRI(index, active, documentRelative: true)
                    if safeMode, id.map({ !isUsableIdentifier($0) }) ?? true {
                        noteLoss("the id map key \"\(index)\" is not an absolute IRI and would be dropped")
                    }
                    object["@id"] = id.map { .string($0) } ?? .null
                } else if container.contains(.type) && expandedIndex != "@none" {
                    guard let expandedIndex else { continue }
                    if safeMode && !isUsableIdentifier(expandedIndex) {
                        noteLoss("the type map key \"\(index)\" is not defined by the context and would be dropped")
                    }
                    var types: [JSONValue] = [.string(expandedIndex)]
                    if let existing = object["@type"] {
                        types.append(contentsOf: Self.asArray(existing))
                    }
                    object["@type"] = .array(types)
                }
                expanded.append(.object(JSONObject(uniqueMembers: object.members)))
            }
        }
        return .array(expanded)
    }

    // MARK: - Value Expansion (§5.3.2)

    /// Value Expansion; `definition` is the term definition of `activeProperty` in `active`.
    func expandValue(
        _ active: ActiveContext, _ activeProperty: String, _ definition: TermDefinition?, _ value: JSONValue
    ) throws(JSONLDError) -> JSONValue {
        let typeKind = definition?.typeKind ?? .absent
        if case .string(let reference) = value, typeKind == .id || typeKind == .vocab {
            let expanded = expandIRI(reference, active, documentRelative: true, vocab: typeKind == .vocab)
            if safeMode, expanded.map({ !isUsableIdentifier($0) }) ?? true {
                noteLoss("the IRI \"\(reference)\" is not an absolute IRI and would be dropped")
            }
            return .object(JSONObject(uniqueMembers: [.init(key: "@id", value: expanded.map { .string($0) } ?? .null)]))
        }
        var members: [JSONObject.Member] = [.init(key: "@value", value: value)]
        if typeKind == .iri || typeKind == .json, let definition, let typeMapping = definition.typeMapping {
            // Converting to RDF drops a literal whose datatype is not a well-formed IRI (toRdf checks every
            // other datatype; safe mode checked explicit ones when expanding the value object).
            if safeMode && forRDF && typeKind == .iri && !definition.typeMappingIsWellFormed {
                noteLoss("the datatype \"\(typeMapping)\" is not a well-formed IRI, so the value would be dropped")
            }
            members.append(.init(key: "@type", value: .string(typeMapping)))
        } else if case .string = value {
            var language = active.state.defaultLanguage
            switch definition?.language {
            case .value(let tag)?: language = tag
            case .null?: language = nil
            default: break
            }
            var direction = active.state.defaultDirection
            switch definition?.direction {
            case .value(let value)?: direction = value
            case .null?: direction = nil
            default: break
            }
            if let language {
                if safeMode && !IRI.isWellFormedLanguageTag(language) {
                    noteLoss("the language tag \"\(language)\" is not well-formed and would be dropped")
                }
                members.append(.init(key: "@language", value: .string(language)))
            }
            if let direction {
                if safeMode { checkDirection(direction) }
                members.append(.init(key: "@direction", value: .string(direction)))
            }
        }
        return .object(JSONObject(uniqueMembers: members))
    }

    // MARK: - Helpers

    static func asArray(_ value: JSONValue) -> [JSONValue] {
        if case .array(let items) = value { return items }
        return [value]
    }

    static func isValueObject(_ value: JSONValue) -> Bool {
        if case .object(let object) = value { return object["@value"] != nil }
        return false
    }

    static func isListObject(_ value: JSONValue) -> Bool {
        if case .object(let object) = value { return object["@list"] != nil }
        return false
    }

    /// A graph object: a map with `@graph` and at most `@id`, `@index` and `@context` besides.
    static func isGraphObject(_ value: JSONValue) -> Bool {
        guard case .object(let object) = value, object["@graph"] != nil else { return false }
        for member in object.members {
            switch member.key {
            case "@graph", "@id", "@index", "@context": continue
            default: return false
            }
        }
        return true
    }

    /// A node object: a map that is not a value, list or set object.
    static func isNodeObject(_ value: JSONValue) -> Bool {
        guard case .object(let object) = value else { return false }
        return object["@value"] == nil && object["@list"] == nil && object["@set"] == nil
    }

    /// Code point order of two strings (UTF-8 byte order equals code point order).
    static func codePointLess(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

/// The members of an expanded map under construction, with a record of which keywords it has.
struct ObjectBuilder {
    struct Keywords: OptionSet {
        let rawValue: UInt16
        static let value = Keywords(rawValue: 1 << 0)
        static let type = Keywords(rawValue: 1 << 1)
        static let language = Keywords(rawValue: 1 << 2)
        static let direction = Keywords(rawValue: 1 << 3)
        static let index = Keywords(rawValue: 1 << 4)
        static let list = Keywords(rawValue: 1 << 5)
        static let set = Keywords(rawValue: 1 << 6)
        static let id = Keywords(rawValue: 1 << 7)
        static let other = Keywords(rawValue: 1 << 8)

        init(rawValue: UInt16) {
            self.rawValue = rawValue
        }

        init(key: String) {
            guard key.utf8.first == UInt8(ascii: "@") else {
                self = []
                return
            }
            // By length first: only a key of a keyword's length is compared with it.
            switch key.utf8.count {
            case 3: self = key == "@id" ? .id : .other
            case 4: self = key == "@set" ? .set : .other
            case 5: self = key == "@type" ? .type : key == "@list" ? .list : .other
            case 6: self = key == "@value" ? .value : key == "@index" ? .index : .other
            case 9: self = key == "@language" ? .language : .other
            case 10: self = key == "@direction" ? .direction : .other
            default: self = .other
            }
        }
    }

    private(set) var members: [JSONObject.Member] = []
    private(set) var keywords: Keywords = []
    /// Positions of the members by name, kept once the map is large enough for linear search to cost.
    private var positions: [String: Int]?

    init() {}

    init(_ object: JSONObject?) {
        members = object?.members ?? []
        for member in members {
            keywords.formUnion(Keywords(key: member.key))
        }
        indexIfLarge()
    }

    mutating func reserveCapacity(_ capacity: Int) {
        members.reserveCapacity(capacity)
    }

    func has(_ keyword: Keywords) -> Bool {
        keywords.contains(keyword)
    }

    func index(of key: String) -> Int? {
        if let positions {
            return positions[key]
        }
        // Lengths first: most keys differ in length, and that comparison is far cheaper than String's.
        let length = key.utf8.count
        for index in members.indices where members[index].key.utf8.count == length && members[index].key == key {
            return index
        }
        return nil
    }

    private mutating func indexIfLarge() {
        guard positions == nil, members.count > 16 else { return }
        var table: [String: Int] = [:]
        table.reserveCapacity(members.count * 2)
        for (index, member) in members.enumerated() {
            table[member.key] = index
        }
        positions = table
    }

    private mutating func append(_ member: JSONObject.Member) {
        positions?[member.key] = members.count
        members.append(member)
        keywords.formUnion(Keywords(key: member.key))
        indexIfLarge()
    }

    subscript(key: String) -> JSONValue? {
        get {
            if key.utf8.first == UInt8(ascii: "@") && !keywords.contains(Keywords(key: key)) { return nil }
            return index(of: key).map { members[$0].value }
        }
        set {
            if let position = index(of: key) {
                if let newValue {
                    members[position].value = newValue
                } else {
                    members.remove(at: position)
                    keywords = []
                    for member in members { keywords.formUnion(Keywords(key: member.key)) }
                    positions = nil
                    indexIfLarge()
                }
            } else if let newValue {
                append(JSONObject.Member(key: key, value: newValue))
            }
        }
    }

    /// The spec's "add value" with as array = true: appends `value` (or its items) to the array at `key`.
    mutating func addValue(_ key: String, _ value: JSONValue) {
        if let position = index(of: key) {
            var items = JSONLDRun.asArray(members[position].value)
            members[position].value = .null
            if case .array(let more) = value {
                items.append(contentsOf: more)
            } else {
                items.append(value)
            }
            members[position].value = .array(items)
        } else if case .array = value {
            append(JSONObject.Member(key: key, value: value))
        } else {
            append(JSONObject.Member(key: key, value: .array([value])))
        }
    }
}
