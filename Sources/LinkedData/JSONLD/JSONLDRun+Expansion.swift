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
        let expanded = try expand(active, nil, document, baseURL: documentURL ?? options.base)
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

    /// The keyword `key` expands to in `context`, if any (IRI expansion with vocab = true, keywords only).
    @inline(__always)
    func keyword(of key: String, in context: ActiveContext) -> String? {
        if let definition = context.term(key) {
            return definition.keyword
        }
        if key.utf8.first == UInt8(ascii: "@"), Keyword.isKeyword(key) {
            return key
        }
        return nil
    }

    /// The Expansion algorithm (§5.1.2). Returns `nil` for null.
    func expand(
        _ active: ActiveContext, _ activeProperty: String?, _ element: JSONValue, baseURL: String?,
        fromMap: Bool = false
    ) throws(JSONLDError) -> JSONValue? {
        try step()
        switch element {
        case .null:
            return nil
        case .array(let items):
            try enter()
            defer { depth -= 1 }
            let isList = activeProperty.flatMap { active.term($0) }?.container.contains(.list) ?? false
            var result: [JSONValue] = []
            result.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                path.append(.index(index))
                defer { path.removeLast() }
                guard let expanded = try expand(active, activeProperty, item, baseURL: baseURL, fromMap: fromMap)
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
            return try expandObject(active, activeProperty, object, baseURL: baseURL, fromMap: fromMap)
        default:
            guard let activeProperty, activeProperty != "@graph" else {
                if safeMode {
                    noteLoss("the value \(describe(element)) is not the value of any property and would be dropped")
                }
                return nil
            }
            var context = active
            if let scoped = active.term(activeProperty)?.scopedContext {
                context = try applyScopedContext(scoped, to: active, overrideProtected: true)
            }
            return try expandValue(context, activeProperty, element)
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
        _ activeIn: ActiveContext, _ activeProperty: String?, _ element: JSONObject, baseURL: String?, fromMap: Bool
    ) throws(JSONLDError) -> JSONValue? {
        var active = activeIn
        let propertyScoped = activeProperty.flatMap { activeIn.term($0) }?.scopedContext

        // Step 7: a non-propagated (type-scoped) context does not apply inside a new node object.
        if let previous = active.state.previousContext, !fromMap {
            var revert = true
            for member in element.members where keyword(of: member.key, in: active) == "@value" {
                revert = false
                break
            }
            if revert && element.count == 1 && keyword(of: element.members[0].key, in: active) == "@id" {
                revert = false
            }
            if revert {
                active = previous
            }
        }
        // Step 8: property-scoped context.
        if let propertyScoped {
            active = try applyScopedContext(propertyScoped, to: active, overrideProtected: true)
        }
        // Step 9: embedded context.
        if let local = element["@context"] {
            path.append(.key("@context"))
            active = try processContext(active, local: local, baseURL: baseURL)
            path.removeLast()
        }
        // Steps 10-11: type-scoped contexts, in code point order of keys and of type values.
        let typeScoped = active
        var typeKeys: [String] = []
        for member in element.members where keyword(of: member.key, in: active) == "@type" {
            typeKeys.append(member.key)
        }
        if typeKeys.count > 1 {
            typeKeys.sort(by: Self.codePointLess)
        }
        for key in typeKeys {
            var terms: [String] = []
            switch element[key] {
            case .string(let term)?:
                terms = [term]
            case .array(let items)?:
                for case .string(let term) in items { terms.append(term) }
                if terms.count > 1 { terms.sort(by: Self.codePointLess) }
            default:
                break
            }
            for term in terms {
                if let scoped = typeScoped.term(term)?.scopedContext {
                    active = try applyScopedContext(scoped, to: active, propagate: false)
                }
            }
        }
        // Step 12: input type.
        var inputType: String?
        if let first = typeKeys.first {
            var last: String?
            switch element[first] {
            case .string(let value)?: last = value
            case .array(let items)?: last = items.last?.stringValue
            default: break
            }
            if let last {
                inputType = expandIRI(last, active, vocab: true)
            }
        }

        var result = JSONObject()
        var nests: [String] = []
        try expandEntries(
            active, typeScoped: typeScoped, activeProperty, element, into: &result, nests: &nests,
            inputType: inputType, baseURL: baseURL)
        if !nests.isEmpty {
            try expandNests(
                active, typeScoped: typeScoped, element, nests: nests, into: &result, inputType: inputType,
                baseURL: baseURL)
        }

        // Steps 15-19.
        var output: JSONValue
        if let value = result["@value"] {
            var hasType = false
            var hasLanguageOrDirection = false
            for member in result.members {
                switch member.key {
                case "@value", "@index":
                    continue
                case "@type":
                    hasType = true
                case "@language", "@direction":
                    hasLanguageOrDirection = true
                default:
                    throw error(.invalidValueObject, "a value object must not have the entry \(member.key)")
                }
            }
            if hasType && hasLanguageOrDirection {
                throw error(.invalidValueObject, "a value object cannot have both @type and @language or @direction")
            }
            if result["@type"] != .string("@json") {
                if value == .null || value == .array([]) {
                    if safeMode {
                        noteLoss("the value object has a null @value and would be dropped")
                    }
                    return nil
                }
                if result["@language"] != nil, value.stringValue == nil {
                    throw error(.invalidLanguageTaggedValue, "only strings can have a language, not \(describe(value))")
                }
                if let type = result["@type"] {
                    guard case .string(let typeIRI) = type, IRI.isWellFormed(typeIRI) else {
                        throw error(.invalidTypedValue, "the @type of a value object must be an absolute IRI")
                    }
                }
            }
            output = .object(result)
        } else if let type = result["@type"], type.arrayValue == nil {
            result["@type"] = .array([type])
            output = .object(result)
        } else if result["@set"] != nil || result["@list"] != nil {
            if result.count > 2 || (result.count == 2 && result["@index"] == nil) {
                throw error(.invalidSetOrListObject, "a set or list object may only have @index besides @set or @list")
            }
            output = result["@set"] ?? .object(result)
        } else {
            output = .object(result)
        }

        guard case .object(let final) = output else { return output }
        if final.count == 1 && final["@language"] != nil {
            if safeMode {
                noteLoss("the object has only @language and would be dropped")
            }
            return nil
        }
        if activeProperty == nil || activeProperty == "@graph" {
            if final.isEmpty || final["@value"] != nil || final["@list"] != nil {
                if safeMode {
                    noteLoss(
                        final.isEmpty
                            ? "the object is empty and would be dropped"
                            : "the value or list is not the value of any property and would be dropped")
                }
                return nil
            }
            if final.count == 1 && final["@id"] != nil {
                if safeMode {
                    noteLoss("the node object has only an identifier and no properties, so it would be dropped")
                }
                return nil
            }
        }
        return output
    }

    /// Step 13: expands each entry of `element` into `result`.
    private func expandEntries(
        _ active: ActiveContext, typeScoped: ActiveContext, _ activeProperty: String?, _ element: JSONObject,
        into result: inout JSONObject, nests: inout [String], inputType: String?, baseURL: String?
    ) throws(JSONLDError) {
        let mode = active.state.processingMode
        for member in element.members {
            let key = member.key
            if key == "@context" { continue }
            let value = member.value
            path.append(.key(key))
            defer { path.removeLast() }
            guard let expandedProperty = expandIRI(key, active, vocab: true),
                expandedProperty.utf8.first == UInt8(ascii: "@")
                    ? Keyword.isKeyword(expandedProperty) : expandedProperty.utf8.contains(UInt8(ascii: ":"))
            else {
                if safeMode {
                    noteLoss("the property \"\(key)\" is not defined by the context and would be dropped")
                }
                continue
            }

            if expandedProperty.utf8.first == UInt8(ascii: "@") {
                try expandKeywordEntry(
                    active, typeScoped: typeScoped, activeProperty, key: key, keyword: expandedProperty, value: value,
                    into: &result, nests: &nests, inputType: inputType, baseURL: baseURL, mode: mode)
                continue
            }

            let definition = active.term(key)
            let container = definition?.container ?? []
            var expandedValue: JSONValue?
            if definition?.typeMapping == "@json" {
                expandedValue = .object(
                    JSONObject(uniqueMembers: [.init(key: "@value", value: value), .init(key: "@type", value: "@json")]))
            } else if container.contains(.language), case .object(let map) = value {
                expandedValue = try expandLanguageMap(active, definition: definition, map)
            } else if !container.isDisjoint(with: [.index, .type, .id]), case .object(let map) = value {
                expandedValue = try expandIndexMap(
                    active, key: key, definition: definition, container: container, map, baseURL: baseURL)
            } else {
                expandedValue = try expand(active, key, value, baseURL: baseURL)
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
                var reverseMap = result["@reverse"]?.objectValue ?? JSONObject()
                for item in Self.asArray(expanded) {
                    if Self.isValueObject(item) || Self.isListObject(item) {
                        throw error(
                            .invalidReversePropertyValue,
                            "the reverse property \"\(key)\" cannot have a value or list object as its value")
                    }
                    Self.addValue(&reverseMap, expandedProperty, item)
                }
                result["@reverse"] = .object(reverseMap)
            } else {
                Self.addValue(&result, expandedProperty, expanded)
            }
        }
    }

    /// Step 13.4: an entry whose key expands to a keyword.
    private func expandKeywordEntry(
        _ active: ActiveContext, typeScoped: ActiveContext, _ activeProperty: String?, key: String, keyword: String,
        value: JSONValue, into result: inout JSONObject, nests: inout [String], inputType: String?, baseURL: String?,
        mode: JSONLDOptions.ProcessingMode
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
                    if !IRI.isAbsolute(expanded) && !IRI.isBlankNode(expanded) {
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
                if let expanded = try expandTypeValue(type, typeScoped) { types.append(.string(expanded)) }
            case .array(let items):
                isArray = true
                types.reserveCapacity(items.count)
                for (index, item) in items.enumerated() {
                    guard case .string(let type) = item else {
                        throw error(.invalidTypeValue, "the values of @type must be strings")
                    }
                    path.append(.index(index))
                    defer { path.removeLast() }
                    if let expanded = try expandTypeValue(type, typeScoped) { types.append(.string(expanded)) }
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
            let expanded = try expand(active, "@graph", value, baseURL: baseURL)
            expandedValue = .array(expanded.map(Self.asArray) ?? [])

        case "@included":
            if mode == .jsonLD10 { return }
            // Expanded with @included as active property, so that scalars, value and list objects are kept and
            // rejected below rather than silently dropped as free-floating.
            let expanded = try expand(active, "@included", value, baseURL: baseURL)
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
            let expanded = try expand(active, activeProperty, value, baseURL: baseURL)
            expandedValue = .array(expanded.map(Self.asArray) ?? [])

        case "@set":
            expandedValue = try expand(active, activeProperty, value, baseURL: baseURL)

        case "@reverse":
            guard case .object = value else {
                throw error(.invalidReverseValue, "the value of @reverse must be a map")
            }
            guard case .object(let expanded)? = try expand(active, "@reverse", value, baseURL: baseURL) else { return }
            if let doubleReversed = expanded["@reverse"]?.objectValue {
                for member in doubleReversed {
                    Self.addValue(&result, member.key, member.value)
                }
            }
            if expanded.count > (expanded["@reverse"] == nil ? 0 : 1) {
                var reverseMap = result["@reverse"]?.objectValue ?? JSONObject()
                for member in expanded where member.key != "@reverse" {
                    for item in Self.asArray(member.value) {
                        if Self.isValueObject(item) || Self.isListObject(item) {
                            throw error(
                                .invalidReversePropertyValue,
                                "a reverse property cannot have a value or list object as its value")
                        }
                        Self.addValue(&reverseMap, member.key, item)
                    }
                }
                result["@reverse"] = .object(reverseMap)
            }
            return

        case "@nest":
            if !nests.contains(key) { nests.append(key) }
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
    private func expandTypeValue(_ type: String, _ typeScoped: ActiveContext) throws(JSONLDError) -> String? {
        let expanded = expandIRI(type, typeScoped, documentRelative: true, vocab: true)
        if safeMode {
            if let expanded {
                if !IRI.isAbsolute(expanded) && !IRI.isBlankNode(expanded) {
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
        into result: inout JSONObject, inputType: String?, baseURL: String?
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
                    nestedActive, typeScoped: typeScoped, nestingKey, nestedObject, into: &result, nests: &innerNests,
                    inputType: inputType, baseURL: baseURL)
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
            let items = try expand(mapContext, key, indexValue, baseURL: baseURL, fromMap: true).map(Self.asArray) ?? []
            for var item in items {
                if container.contains(.graph) && !Self.isGraphObject(item) {
                    item = .object(JSONObject(uniqueMembers: [.init(key: "@graph", value: .array(Self.asArray(item)))]))
                }
                guard case .object(var object) = item else {
                    expanded.append(item)
                    continue
                }
                if container.contains(.index) && indexKey != "@index" && expandedIndex != "@none" {
                    let reExpanded = try expandValue(active, indexKey, .string(index))
                    let expandedIndexKey = expandIRI(indexKey, active, vocab: true) ?? indexKey
                    var values = [reExpanded]
                    if let existing = object[expandedIndexKey] {
                        values.append(contentsOf: Self.asArray(existing))
                    }
                    object[expandedIndexKey] = .array(values)
                    if object["@value"] != nil {
                        throw error(.invalidValueObject, "a value object in a property-valued index cannot take \(indexKey)")
                    }
                } else if container.contains(.index) && object["@index"] == nil && expandedIndex != "@none" {
                    object["@index"] = .string(index)
                } else if container.contains(.id) && object["@id"] == nil && expandedIndex != "@none" {
                    let id = expandIRI(index, active, documentRelative: true)
                    if safeMode, id.map({ !IRI.isAbsolute($0) && !IRI.isBlankNode($0) }) ?? true {
                        noteLoss("the id map key \"\(index)\" is not an absolute IRI and would be dropped")
                    }
                    object["@id"] = id.map { .string($0) } ?? .null
                } else if container.contains(.type) && expandedIndex != "@none" {
                    guard let expandedIndex else { continue }
                    if safeMode && !IRI.isAbsolute(expandedIndex) && !IRI.isBlankNode(expandedIndex) {
                        noteLoss("the type map key \"\(index)\" is not defined by the context and would be dropped")
                    }
                    var types: [JSONValue] = [.string(expandedIndex)]
                    if let existing = object["@type"] {
                        types.append(contentsOf: Self.asArray(existing))
                    }
                    object["@type"] = .array(types)
                }
                expanded.append(.object(object))
            }
        }
        return .array(expanded)
    }

    // MARK: - Value Expansion (§5.3.2)

    func expandValue(_ active: ActiveContext, _ activeProperty: String, _ value: JSONValue) throws(JSONLDError)
        -> JSONValue
    {
        let definition = active.term(activeProperty)
        if let typeMapping = definition?.typeMapping, case .string(let reference) = value {
            if typeMapping == "@id" || typeMapping == "@vocab" {
                let expanded = expandIRI(reference, active, documentRelative: true, vocab: typeMapping == "@vocab")
                if safeMode, expanded.map({ !IRI.isAbsolute($0) && !IRI.isBlankNode($0) }) ?? true {
                    noteLoss("the IRI \"\(reference)\" is not an absolute IRI and would be dropped")
                }
                return .object(JSONObject(uniqueMembers: [.init(key: "@id", value: expanded.map { .string($0) } ?? .null)]))
            }
        }
        var members: [JSONObject.Member] = [.init(key: "@value", value: value)]
        if let typeMapping = definition?.typeMapping, typeMapping != "@id", typeMapping != "@vocab",
            typeMapping != "@none"
        {
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
                members.append(.init(key: "@language", value: .string(language)))
            }
            if let direction {
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

    /// Adds `value` to the array at `key` (the spec's "add value" with as array = true).
    static func addValue(_ object: inout JSONObject, _ key: String, _ value: JSONValue) {
        if let existing = object[key] {
            var items = asArray(existing)
            if case .array(let more) = value {
                items.append(contentsOf: more)
            } else {
                items.append(value)
            }
            object[key] = .array(items)
        } else if case .array = value {
            object[key] = value
        } else {
            object[key] = .array([value])
        }
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
