/// The Context Processing, Create Term Definition and IRI Expansion algorithms (JSON-LD 1.1 API §4.1, §4.2, §5.2).
extension JSONLDRun {
    /// The keys of a context definition that are not term definitions.
    private static let contextKeywords: Set<String> = [
        "@base", "@direction", "@import", "@language", "@propagate", "@protected", "@version", "@vocab",
    ]

    /// The entries a term definition may have.
    private static let termDefinitionKeys: Set<String> = [
        "@id", "@reverse", "@container", "@context", "@direction", "@index", "@language", "@nest", "@prefix",
        "@protected", "@type",
    ]

    /// Context Processing (§4.1.2): updates `active` with `local`.
    func processContext(
        _ active: ActiveContext, local: JSONValue, baseURL: String?, remoteContexts: [String] = [],
        overrideProtected: Bool = false, propagate propagateIn: Bool = true, validateScoped: Bool = true
    ) throws(JSONLDError) -> ActiveContext {
        try step()
        contextDepth += 1
        defer { contextDepth -= 1 }
        if contextDepth > options.limits.maxDepth {
            throw error(.nestingTooDeep, "contexts nest deeper than \(options.limits.maxDepth) levels")
        }
        var propagate = propagateIn
        if case .object(let object) = local, let value = object["@propagate"] {
            guard case .bool(let flag) = value else {
                throw error(.invalidPropagateValue, "the value of @propagate must be true or false, not \(value.kindName)")
            }
            propagate = flag
        }
        var result = active.state
        // The shared context object whose state equals `result`, when there is one (it keys the cache).
        var resultObject: ActiveContext? = active
        if !propagate && result.previousContext == nil {
            result.previousContext = active
            resultObject = nil
        }
        let items: [JSONValue]
        if case .array(let array) = local {
            items = array
        } else {
            items = [local]
        }

        var previousReference: String? = nil
        for context in items {
            defer {
                if case .string(let reference) = context { previousReference = reference } else { previousReference = nil }
            }
            switch context {
            case .null:
                if !overrideProtected && result.hasProtectedTerms {
                    throw error(
                        .invalidContextNullification,
                        "a null context cannot clear a context that has protected terms")
                }
                let previous = resultObject ?? ActiveContext(result, isShared: false)
                var fresh = ContextState()
                fresh.baseIRI = active.state.originalBaseURL
                fresh.originalBaseURL = active.state.originalBaseURL
                fresh.processingMode = active.state.processingMode
                if !propagate {
                    fresh.previousContext = previous
                }
                result = fresh
                resultObject = nil

            case .string(let reference):
                // The same remote context twice in a row changes nothing (its definitions are applied again as
                // they are; @base is ignored in remote contexts): it is applied once however often it repeats.
                if reference == previousReference { continue }
                let url = try resolveContextReference(reference, baseURL: baseURL)
                if remoteContexts.contains(url) {
                    if !validateScoped { continue }
                    throw error(.recursiveContextInclusion, "the context \(url) includes itself")
                }
                if remoteContexts.count >= options.limits.maxRemoteContextDepth {
                    throw error(
                        .contextOverflow,
                        "remote contexts nest more than \(options.limits.maxRemoteContextDepth) deep (at \(url))")
                }
                let parent = resultObject ?? ActiveContext(result, isShared: false)
                let cacheable = remoteContexts.isEmpty
                let key = DerivationKey(
                    parent: ObjectIdentifier(parent), scoped: nil, url: url,
                    flags: validateScoped ? 0 : DerivationKey.noValidateScoped)
                if cacheable, let hit = cachedDerivation(key, parent: parent) {
                    result = hit.state
                    resultObject = hit
                    continue
                }
                // Each application that is not a cached derivation processes the whole remote context again:
                // bounded, so a document cannot alternate contexts thousands of times.
                contextApplications += 1
                if contextApplications > options.limits.maxContextLoads {
                    throw error(
                        .tooManyContextLoads,
                        "more than \(options.limits.maxContextLoads) remote contexts had to be processed (last: \(url))")
                }
                let document = try dereference(url)
                guard case .object(let top) = document.document, let loaded = top["@context"] else {
                    throw error(.invalidRemoteContext, "the document \(url) has no top-level @context entry")
                }
                let derived = try processContext(
                    parent, local: loaded, baseURL: document.documentURL, remoteContexts: remoteContexts + [url],
                    validateScoped: validateScoped)
                let stored = cacheable ? storeDerivation(key, parent: parent, anchor: nil, result: derived) : derived
                result = stored.state
                resultObject = stored

            case .object(let definitionIn):
                try processDefinition(
                    definitionIn, into: &result, baseURL: baseURL, remoteContexts: remoteContexts,
                    overrideProtected: overrideProtected)
                resultObject = nil

            default:
                throw error(
                    .invalidLocalContext,
                    "a context must be null, a string (IRI), a map or an array of those, not \(context.kindName)")
            }
        }
        return resultObject ?? ActiveContext(result, isShared: false)
    }

    /// Resolves a context reference against the base URL; without a usable base it must already be absolute.
    private func resolveContextReference(_ reference: String, baseURL: String?) throws(JSONLDError) -> String {
        if IRI.isAbsolute(reference) {
            return reference
        }
        guard let baseURL, IRI.isAbsolute(baseURL) else {
            throw error(
                .loadingDocumentFailed,
                "the context reference \"\(reference)\" is relative and there is no base URL to resolve it against")
        }
        return IRI.resolve(reference, against: baseURL)
    }

    /// Steps 5.5 to 5.13 of Context Processing for one context definition.
    private func processDefinition(
        _ definitionIn: JSONObject, into result: inout ContextState, baseURL: String?, remoteContexts: [String],
        overrideProtected: Bool
    ) throws(JSONLDError) {
        var definition = definitionIn
        let mode = result.processingMode
        if let version = definition["@version"] {
            guard case .number(let number) = version, number.doubleValue == 1.1 else {
                throw error(.invalidVersionValue, "@version must be the number 1.1")
            }
            if mode == .jsonLD10 {
                throw error(.processingModeConflict, "@version 1.1 cannot be used in json-ld-1.0 processing mode")
            }
        }
        if let importValue = definition["@import"] {
            if mode == .jsonLD10 {
                throw error(.invalidContextEntry, "@import is not allowed in json-ld-1.0 processing mode")
            }
            guard case .string(let reference) = importValue else {
                throw error(.invalidImportValue, "the value of @import must be a string, not \(importValue.kindName)")
            }
            let url = try resolveContextReference(reference, baseURL: baseURL)
            let document = try dereference(url)
            guard case .object(let top) = document.document, let imported = top["@context"] else {
                throw error(.invalidRemoteContext, "the imported document \(url) has no top-level @context entry")
            }
            guard case .object(let importContext) = imported else {
                throw error(.invalidRemoteContext, "the @context of the imported document \(url) is not a map")
            }
            if importContext["@import"] != nil {
                throw error(.invalidContextEntry, "the imported context \(url) must not itself contain @import")
            }
            var merged = importContext.members
            var positions: [String: Int] = [:]
            for (index, member) in merged.enumerated() {
                positions[member.key] = index
            }
            for member in definition {
                if let position = positions[member.key] {
                    merged[position].value = member.value
                } else {
                    positions[member.key] = merged.count
                    merged.append(member)
                }
            }
            definition = JSONObject(uniqueMembers: merged)
        }
        if let base = definition["@base"], remoteContexts.isEmpty {
            switch base {
            case .null:
                result.baseIRI = nil
            case .string(let value):
                if IRI.isAbsolute(value) {
                    result.baseIRI = value
                } else if let current = result.baseIRI {
                    result.baseIRI = IRI.resolve(value, against: current)
                } else {
                    throw error(.invalidBaseIRI, "@base \"\(value)\" is relative and there is no base IRI")
                }
            default:
                throw error(.invalidBaseIRI, "@base must be a string or null, not \(base.kindName)")
            }
        }
        if let vocab = definition["@vocab"] {
            switch vocab {
            case .null:
                result.vocabularyMapping = nil
            case .string(let value):
                if mode == .jsonLD10 && !IRI.isAbsolute(value) && !IRI.isBlankNode(value) {
                    throw error(.invalidVocabMapping, "@vocab must be an absolute IRI in json-ld-1.0 mode")
                }
                var noLocal = TermSource()
                let expanded = try expandIRI(
                    value, in: &result, documentRelative: true, vocab: true, local: &noLocal, baseURL: baseURL)
                guard let expanded, !Keyword.isKeyword(expanded) else {
                    throw error(.invalidVocabMapping, "@vocab \"\(value)\" is not an IRI or blank node identifier")
                }
                result.vocabularyMapping = expanded
            default:
                throw error(.invalidVocabMapping, "@vocab must be a string or null, not \(vocab.kindName)")
            }
        }
        if let language = definition["@language"] {
            switch language {
            case .null:
                result.defaultLanguage = nil
            case .string(let value):
                result.defaultLanguage = value.asciiLowercased()
            default:
                throw error(.invalidDefaultLanguage, "@language must be a string or null, not \(language.kindName)")
            }
        }
        if let direction = definition["@direction"] {
            if mode == .jsonLD10 {
                throw error(.invalidContextEntry, "@direction is not allowed in json-ld-1.0 processing mode")
            }
            switch direction {
            case .null:
                result.defaultDirection = nil
            case .string(let value) where value == "ltr" || value == "rtl":
                result.defaultDirection = value
            default:
                throw error(.invalidBaseDirection, "@direction must be \"ltr\", \"rtl\" or null")
            }
        }
        if let propagate = definition["@propagate"] {
            if mode == .jsonLD10 {
                throw error(.invalidContextEntry, "@propagate is not allowed in json-ld-1.0 processing mode")
            }
            guard case .bool = propagate else {
                throw error(.invalidPropagateValue, "the value of @propagate must be true or false")
            }
        }
        var isProtected = false
        if let protectedValue = definition["@protected"] {
            guard case .bool(let flag) = protectedValue else {
                throw error(.invalidProtectedValue, "the value of @protected must be true or false")
            }
            isProtected = flag
        }
        var local = TermSource(definition)
        for member in definition where !Self.contextKeywords.contains(member.key) {
            try createTermDefinition(
                member.key, in: &result, local: &local, baseURL: baseURL, protected: isProtected,
                overrideProtected: overrideProtected, remoteContexts: remoteContexts)
        }
    }

    /// Create Term Definition (§4.2.2).
    func createTermDefinition(
        _ term: String, in result: inout ContextState, local: inout TermSource, baseURL: String?,
        protected: Bool = false, overrideProtected: Bool = false, remoteContexts: [String] = [],
        validateScoped: Bool = true
    ) throws(JSONLDError) {
        if let state = local.defined[term] {
            if state { return }
            throw error(.cyclicIRIMapping, "the term \"\(term)\" is defined in terms of itself")
        }
        try step()
        if term.isEmpty {
            throw error(.invalidTermDefinition, "a term must not be the empty string")
        }
        local.defined[term] = false
        guard let valueIn = local.entries[term] else { return }
        let mode = result.processingMode

        if term == "@type" {
            if mode == .jsonLD10 {
                throw error(.keywordRedefinition, "@type cannot be redefined in json-ld-1.0 processing mode")
            }
            guard case .object(let object) = valueIn, !object.isEmpty else {
                throw error(.keywordRedefinition, "@type may only be given @container: @set and @protected")
            }
            for member in object {
                switch member.key {
                case "@container" where member.value == .string("@set"):
                    continue
                case "@protected":
                    continue
                default:
                    throw error(.keywordRedefinition, "@type may only be given @container: @set and @protected")
                }
            }
        } else if Keyword.isKeyword(term) {
            throw error(.keywordRedefinition, "the keyword \(term) cannot be redefined")
        } else if Keyword.hasKeywordForm(term) {
            // Reserved for future keywords: ignored (the spec asks for a warning).
            return
        }

        let previousDefinition = result.setTerm(term, nil)
        let value: JSONObject
        var simpleTerm = false
        switch valueIn {
        case .null:
            value = JSONObject(uniqueMembers: [JSONObject.Member(key: "@id", value: .null)])
        case .string:
            value = JSONObject(uniqueMembers: [JSONObject.Member(key: "@id", value: valueIn)])
            simpleTerm = true
        case .object(let object):
            value = object
        default:
            throw error(
                .invalidTermDefinition,
                "the definition of \"\(term)\" must be a string, a map or null, not \(valueIn.kindName)")
        }

        var iri: String?
        var isPrefix = false
        var isProtected = protected
        var isReverse = false
        var typeMapping: String?
        var container = ContainerSet()
        var hasContainer = false
        var scopedContext: ScopedContext?
        var language = OptionalMapping.absent
        var direction = OptionalMapping.absent
        var indexMapping: String?
        var nest: String?

        if let protectedValue = value["@protected"] {
            if mode == .jsonLD10 {
                throw error(.invalidTermDefinition, "@protected is not allowed in json-ld-1.0 processing mode")
            }
            guard case .bool(let flag) = protectedValue else {
                throw error(.invalidProtectedValue, "@protected of \"\(term)\" must be true or false")
            }
            isProtected = flag
        }

        if let typeValue = value["@type"] {
            guard case .string(let typeString) = typeValue else {
                throw error(.invalidTypeMapping, "the @type of \"\(term)\" must be a string")
            }
            let expanded = try expandIRI(typeString, in: &result, vocab: true, local: &local, baseURL: baseURL)
            guard let expanded else {
                throw error(.invalidTypeMapping, "the @type \"\(typeString)\" of \"\(term)\" is not an IRI")
            }
            if (expanded == "@json" || expanded == "@none") && mode == .jsonLD10 {
                throw error(.invalidTypeMapping, "\(expanded) is not a type mapping in json-ld-1.0 processing mode")
            }
            if expanded != "@id" && expanded != "@json" && expanded != "@none" && expanded != "@vocab"
                && !IRI.isAbsolute(expanded)
            {
                throw error(
                    .invalidTypeMapping,
                    "the @type \"\(typeString)\" of \"\(term)\" is not @id, @json, @none, @vocab or an absolute IRI")
            }
            typeMapping = expanded
        }

        if let reverseValue = value["@reverse"] {
            if value["@id"] != nil || value["@nest"] != nil {
                throw error(.invalidReverseProperty, "the reverse property \"\(term)\" must not have @id or @nest")
            }
            guard case .string(let reverseString) = reverseValue else {
                throw error(.invalidIRIMapping, "the @reverse of \"\(term)\" must be a string")
            }
            if Keyword.hasKeywordForm(reverseString) {
                // Reserved for future keywords: the term stays undefined.
                local.defined[term] = true
                return
            }
            let expanded = try expandIRI(reverseString, in: &result, vocab: true, local: &local, baseURL: baseURL)
            guard let expanded, expanded.utf8.contains(UInt8(ascii: ":")), !Keyword.isKeyword(expanded) else {
                throw error(.invalidIRIMapping, "the @reverse \"\(reverseString)\" of \"\(term)\" is not an IRI")
            }
            iri = expanded
            if let containerValue = value["@container"] {
                switch containerValue {
                case .null:
                    break
                case .string("@set"):
                    container = .set
                case .string("@index"):
                    container = .index
                default:
                    throw error(
                        .invalidReverseProperty,
                        "the container of the reverse property \"\(term)\" must be @set, @index or null")
                }
                hasContainer = true
            }
            isReverse = true
        } else if let idValue = value["@id"], idValue != .string(term) {
            switch idValue {
            case .null:
                iri = nil
            case .string(let idString):
                if !Keyword.isKeyword(idString) && Keyword.hasKeywordForm(idString) {
                    // Reserved for future keywords: the term stays undefined.
                    local.defined[term] = true
                    return
                }
                let expanded = try expandIRI(idString, in: &result, vocab: true, local: &local, baseURL: baseURL)
                guard let expanded,
                    Keyword.isKeyword(expanded) || IRI.isAbsolute(expanded) || IRI.isBlankNode(expanded)
                else {
                    throw error(.invalidIRIMapping, "the @id \"\(idString)\" of \"\(term)\" is not an IRI or keyword")
                }
                if expanded == "@context" {
                    throw error(.invalidKeywordAlias, "\"\(term)\" cannot be an alias of @context")
                }
                iri = expanded
                let colon = term.utf8.firstIndex(of: UInt8(ascii: ":"))
                let hasInnerColon =
                    colon.map { $0 != term.utf8.startIndex && term.utf8.index(after: $0) != term.utf8.endIndex }
                    ?? false
                let hasSlash = term.utf8.contains(UInt8(ascii: "/"))
                if hasInnerColon || hasSlash {
                    local.defined[term] = true
                    let termIRI = try expandIRI(term, in: &result, vocab: true, local: &local, baseURL: baseURL)
                    if termIRI != expanded {
                        throw error(
                            .invalidIRIMapping,
                            "the term \"\(term)\" looks like an IRI that differs from its @id \"\(expanded)\"")
                    }
                }
                if colon == nil && !hasSlash && simpleTerm
                    && (IRI.endsWithGenDelim(expanded) || IRI.isBlankNode(expanded))
                {
                    isPrefix = true
                }
            default:
                throw error(.invalidIRIMapping, "the @id of \"\(term)\" must be a string or null")
            }
        } else if let colon = term.utf8.firstIndex(of: UInt8(ascii: ":")), colon != term.utf8.startIndex {
            let prefix = String(term[term.startIndex..<colon])
            let suffix = String(term[term.index(after: colon)...])
            if local.entries[prefix] != nil {
                try createTermDefinition(
                    prefix, in: &result, local: &local, baseURL: baseURL, remoteContexts: remoteContexts)
            }
            if let prefixDefinition = result.terms[prefix], let prefixIRI = prefixDefinition.iri {
                iri = prefixIRI + suffix
            } else {
                iri = term
            }
        } else if term.utf8.contains(UInt8(ascii: "/")) {
            // A relative IRI reference; expanded without the local context, which would only find the term itself.
            var noLocal = TermSource()
            let expanded = try expandIRI(term, in: &result, vocab: true, local: &noLocal, baseURL: baseURL)
            guard let expanded, IRI.isAbsolute(expanded) else {
                throw error(.invalidIRIMapping, "the term \"\(term)\" is a relative IRI that does not expand to an IRI")
            }
            iri = expanded
        } else if term == "@type" {
            iri = "@type"
        } else if let vocab = result.vocabularyMapping {
            iri = vocab + term
        } else {
            throw error(
                .invalidIRIMapping,
                "the term \"\(term)\" has no @id and the context has no @vocab to derive its IRI from")
        }

        if let containerValue = value["@container"], !isReverse {
            container = try parseContainer(containerValue, term: term, mode: mode)
            hasContainer = true
            if container.contains(.type) {
                if typeMapping == nil {
                    typeMapping = "@id"
                } else if typeMapping != "@id" && typeMapping != "@vocab" {
                    throw error(
                        .invalidTypeMapping, "a @type container needs a type mapping of @id or @vocab (\"\(term)\")")
                }
            }
        }

        if let indexValue = value["@index"] {
            if mode == .jsonLD10 || !container.contains(.index) {
                throw error(.invalidTermDefinition, "@index on \"\(term)\" needs an @index container")
            }
            guard case .string(let indexString) = indexValue else {
                throw error(.invalidTermDefinition, "the @index of \"\(term)\" must be a string")
            }
            let expanded = try expandIRI(indexString, in: &result, vocab: true, local: &local, baseURL: baseURL)
            guard let expanded, IRI.isAbsolute(expanded) else {
                throw error(.invalidTermDefinition, "the @index \"\(indexString)\" of \"\(term)\" is not an IRI")
            }
            indexMapping = indexString
        }

        if let contextValue = value["@context"] {
            if mode == .jsonLD10 {
                throw error(.invalidTermDefinition, "scoped contexts are not allowed in json-ld-1.0 processing mode")
            }
            let probe = ActiveContext(result, isShared: false)
            do {
                _ = try processContext(
                    probe, local: contextValue, baseURL: baseURL, remoteContexts: remoteContexts,
                    overrideProtected: true, validateScoped: false)
            } catch let failure {
                if failure.code == .workBudgetExceeded || failure.code == .tooManyContextLoads
                    || failure.code == .nestingTooDeep
                {
                    throw failure
                }
                throw error(
                    .invalidScopedContext,
                    "the scoped context of \"\(term)\" is invalid: \(failure.code.rawValue): \(failure.reason)")
            }
            scopedContext = ScopedContext(value: contextValue, baseURL: baseURL)
        }

        if let languageValue = value["@language"], value["@type"] == nil {
            switch languageValue {
            case .null:
                language = .null
            case .string(let tag):
                language = .value(tag.asciiLowercased())
            default:
                throw error(.invalidLanguageMapping, "the @language of \"\(term)\" must be a string or null")
            }
        }

        if let directionValue = value["@direction"], value["@type"] == nil {
            switch directionValue {
            case .null:
                direction = .null
            case .string(let tag) where tag == "ltr" || tag == "rtl":
                direction = .value(tag)
            default:
                throw error(.invalidBaseDirection, "the @direction of \"\(term)\" must be \"ltr\", \"rtl\" or null")
            }
        }

        if let nestValue = value["@nest"] {
            if mode == .jsonLD10 {
                throw error(.invalidTermDefinition, "@nest is not allowed in json-ld-1.0 processing mode")
            }
            guard case .string(let nestString) = nestValue,
                !Keyword.isKeyword(nestString) || nestString == "@nest"
            else {
                throw error(.invalidNestValue, "the @nest of \"\(term)\" must be a string that is not a keyword")
            }
            nest = nestString
        }

        if let prefixValue = value["@prefix"] {
            if mode == .jsonLD10 || term.utf8.contains(UInt8(ascii: ":")) || term.utf8.contains(UInt8(ascii: "/")) {
                throw error(.invalidTermDefinition, "@prefix is not allowed on the term \"\(term)\"")
            }
            guard case .bool(let flag) = prefixValue else {
                throw error(.invalidPrefixValue, "the @prefix of \"\(term)\" must be true or false")
            }
            isPrefix = flag
            if flag, let iri, Keyword.isKeyword(iri) {
                throw error(.invalidTermDefinition, "the keyword alias \"\(term)\" cannot be a prefix")
            }
        }

        for member in value where !Self.termDefinitionKeys.contains(member.key) {
            throw error(.invalidTermDefinition, "the definition of \"\(term)\" has an unknown entry \"\(member.key)\"")
        }

        var definition = TermDefinition(
            iri: iri, isPrefix: isPrefix, isProtected: isProtected, isReverse: isReverse, baseURL: baseURL,
            scopedContext: scopedContext, container: container, hasContainer: hasContainer, direction: direction,
            index: indexMapping, language: language, nest: nest, typeMapping: typeMapping)

        if !overrideProtected, let previousDefinition, previousDefinition.isProtected {
            if !definition.isSameDefinition(as: previousDefinition) {
                throw error(.protectedTermRedefinition, "the protected term \"\(term)\" cannot be redefined")
            }
            definition = previousDefinition
        }
        result.setTerm(term, definition)
        local.defined[term] = true
    }

    /// Validates a container mapping (§4.2.2 step 19).
    private func parseContainer(
        _ value: JSONValue, term: String, mode: JSONLDOptions.ProcessingMode
    ) throws(JSONLDError) -> ContainerSet {
        let invalid = error(.invalidContainerMapping, "the @container of \"\(term)\" is not a valid container mapping")
        switch value {
        case .string(let keyword):
            guard let container = ContainerSet(keyword: keyword) else { throw invalid }
            if mode == .jsonLD10 && (container == .graph || container == .id || container == .type) {
                throw invalid
            }
            return container
        case .array(let items):
            if mode == .jsonLD10 { throw invalid }
            var set = ContainerSet()
            for item in items {
                guard case .string(let keyword) = item, let container = ContainerSet(keyword: keyword) else {
                    throw invalid
                }
                set.insert(container)
            }
            if items.count == 1 {
                return set
            }
            // @graph with @id or @index, optionally @set.
            let graphForms: [ContainerSet] = [
                [.graph, .id], [.graph, .index], [.graph, .id, .set], [.graph, .index, .set],
            ]
            if graphForms.contains(set) {
                return set
            }
            // @set with any of @index, @graph, @id, @type, @language.
            if set.contains(.set) && !set.contains(.list) && set.subtracting(.set).rawValue.nonzeroBitCount == 1 {
                return set
            }
            if set == .set {
                return set
            }
            throw invalid
        default:
            throw invalid
        }
    }

    // MARK: - IRI Expansion (§5.2)

    /// IRI Expansion while a context is being processed (creates term definitions it depends on).
    func expandIRI(
        _ value: String, in result: inout ContextState, documentRelative: Bool = false, vocab: Bool = false,
        local: inout TermSource, baseURL: String?
    ) throws(JSONLDError) -> String? {
        if Keyword.isKeyword(value) { return value }
        if Keyword.hasKeywordForm(value) { return nil }
        if local.entries[value] != nil, local.defined[value] != true {
            try createTermDefinition(value, in: &result, local: &local, baseURL: baseURL)
        }
        if let definition = result.terms[value] {
            if let keyword = definition.keyword { return keyword }
            if vocab { return definition.iri }
        }
        if let offset = IRI.utf8Offset(of: UInt8(ascii: ":"), in: value), offset != 0 {
            let colon = value.utf8.index(value.utf8.startIndex, offsetBy: offset)
            let prefix = String(value[value.startIndex..<colon])
            let suffix = value[value.index(after: colon)...]
            if prefix == "_" || suffix.hasPrefix("//") {
                return value
            }
            if local.entries[prefix] != nil, local.defined[prefix] != true {
                try createTermDefinition(prefix, in: &result, local: &local, baseURL: baseURL)
            }
            if let definition = result.terms[prefix], let prefixIRI = definition.iri, definition.isPrefix {
                return prefixIRI + suffix
            }
            if IRI.isAbsolute(value) {
                return value
            }
        }
        if vocab, let mapping = result.vocabularyMapping {
            return mapping + value
        }
        if documentRelative, let base = result.baseIRI {
            return IRI.resolve(value, against: base)
        }
        return value
    }

    /// IRI Expansion outside context processing, with a finished active context.
    func expandIRI(_ value: String, _ context: ActiveContext, documentRelative: Bool = false, vocab: Bool = false)
        -> String?
    {
        let colon = IRI.utf8Offset(of: UInt8(ascii: ":"), in: value).map {
            value.utf8.index(value.utf8.startIndex, offsetBy: $0)
        }
        // A value with a colon can only be a term when some term has a colon.
        if colon == nil || context.state.hasColonTerms, let definition = context.state.terms[value] {
            if let keyword = definition.keyword { return keyword }
            if vocab { return definition.iri }
        } else if value.utf8.first == UInt8(ascii: "@") {
            if Keyword.isKeyword(value) { return value }
            if Keyword.hasKeywordForm(value) { return nil }
        }
        if let colon, colon != value.utf8.startIndex {
            let prefix = value[value.startIndex..<colon]
            let suffix = value[value.index(after: colon)...]
            if prefix == "_" || suffix.hasPrefix("//") {
                return value
            }
            if let definition = context.state.terms[String(prefix)], let prefixIRI = definition.iri,
                definition.isPrefix
            {
                return prefixIRI + suffix
            }
            if IRI.isAbsolute(value) {
                return value
            }
        }
        if vocab, let mapping = context.state.vocabularyMapping {
            return mapping + value
        }
        if documentRelative, let base = context.state.baseIRI {
            return IRI.resolve(value, against: base)
        }
        return value
    }
}

/// A local context being processed: its entries by name, and which terms are defined (`true`) or being
/// defined (`false`).
struct TermSource {
    var entries: [String: JSONValue]
    var defined: [String: Bool] = [:]

    init(_ object: JSONObject) {
        var entries: [String: JSONValue] = [:]
        entries.reserveCapacity(object.count)
        for member in object {
            entries[member.key] = member.value
        }
        self.entries = entries
    }

    init() {
        entries = [:]
    }
}

extension String {
    /// The string with ASCII letters in lower case (language tags are compared case-insensitively).
    func asciiLowercased() -> String {
        guard utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return self }
        return String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}
