/// Deserialize JSON-LD to RDF (JSON-LD 1.1 API §8.1-§8.3) from an expanded document.
///
/// The spec first builds a node map (§7.2) that merges every node object into one entry per graph and
/// identifier, then emits the triples of each entry. This implementation walks the expanded document once and
/// emits the same triples directly: each node object's subject is its `@id` (blank node identifiers relabelled
/// through the same identifier map) or a fresh blank node, nested node objects emit their own triples in the
/// graph they appear in, `@graph` opens the graph named by the node, `@included` nodes go to the current graph
/// and `@reverse` values get the node as object. Because an RDF dataset is a set, equal quads are emitted once:
/// values repeated under one property are compared locally, and when a subject occurs in several node objects
/// (or reverse properties are used) the whole dataset is deduplicated at the end, exactly as merging the node
/// map would. The result is the same dataset as the spec's algorithm (up to blank node labels).
extension JSONLDRun {
    private static let i18nBase = "https://www.w3.org/ns/i18n#"

    func toRDF(_ expanded: [JSONValue]) throws(JSONLDError) -> RDFDataset {
        var emitter = QuadEmitter(run: self)
        emitter.quads.reserveCapacity(128)
        for (index, element) in expanded.enumerated() {
            path = [.index(index)]
            guard case .object(let object) = element else { continue }
            if object["@value"] != nil || object["@list"] != nil { continue }
            _ = try emitter.node(object, graph: nil)
        }
        path = []
        try throwIfDataLoss()
        return RDFDataset(distinctQuads: emitter.finish())
    }
}

/// Collects the quads of one toRdf run.
struct QuadEmitter {
    let run: JSONLDRun
    var quads: [RDFQuad] = []
    var counter = 0
    /// Blank node identifiers of the document → generated labels.
    var identifierMap: [String: String] = [:]
    /// (subject, graph) pairs already emitted from a node object with an `@id`.
    var subjects: Set<SubjectKey> = []
    /// Subjects that occur in more than one node object: their quads may repeat.
    var repeatedSubjects: [SubjectKey] = []
    /// The range of quads emitted while each identified node object was processed.
    var nodeRanges: [(key: SubjectKey, range: Range<Int>)] = []
    /// `@index` of each identified node, to detect conflicting indexes.
    var indexes: [RDFTerm: String] = [:]
    /// Whether any quad may have been emitted twice (reverse properties, explicit rdf:type).
    var needsDeduplication = false

    struct SubjectKey: Hashable {
        let subject: RDFTerm
        let graph: RDFTerm?
    }

    /// Whether safe-mode expansion for RDF already refused every node identifier and type that is not a
    /// well-formed IRI or blank node identifier (so they need no second check here).
    let identifiersChecked: Bool

    init(run: JSONLDRun) {
        self.run = run
        self.identifiersChecked = run.safeMode && run.forRDF
    }

    /// The quads, each once: the dataset is a set, as merging the spec's node map would make it.
    mutating func finish() -> [RDFQuad] {
        if needsDeduplication {
            var seen = Set<RDFQuad>(minimumCapacity: quads.count)
            return quads.filter { seen.insert($0).inserted }
        }
        if repeatedSubjects.isEmpty { return quads }
        // Only quads about a subject that occurs in several node objects can repeat, and they were emitted
        // within the node objects of that subject: gather those and remove the repeats in place.
        var repeatedIndices: [Int] = []
        quads.withUnsafeBufferPointer { quads in
            var candidates: [Int] = []
            for key in repeatedSubjects {
                candidates.removeAll(keepingCapacity: true)
                for entry in nodeRanges where entry.key == key {
                    for index in entry.range where quads[index].subject == key.subject && quads[index].graph == key.graph {
                        candidates.append(index)
                    }
                }
                // Ranges of nested node objects overlap, and a subject can repeat more than twice: each index once.
                candidates.sort()
                var count = 0
                for index in candidates where count == 0 || candidates[count - 1] != index {
                    candidates[count] = index
                    count += 1
                }
                // The candidates share subject and graph: equal predicate and object make a repeat.
                if count > 64 {
                    var seen = Set<RDFQuad>(minimumCapacity: count)
                    for index in candidates[..<count] where !seen.insert(quads[index]).inserted {
                        repeatedIndices.append(index)
                    }
                    continue
                }
                for position in 0..<count {
                    let index = candidates[position]
                    for earlier in candidates[..<position]
                    where quads[earlier].predicate == quads[index].predicate && quads[earlier].object == quads[index].object {
                        repeatedIndices.append(index)
                        break
                    }
                }
            }
        }
        guard !repeatedIndices.isEmpty else { return quads }
        // Remove in one pass, keeping the first of each repeated quad and the order of the rest.
        repeatedIndices.sort()
        var result: [RDFQuad] = []
        result.reserveCapacity(quads.count - repeatedIndices.count)
        var next = 0
        for index in quads.indices {
            if next < repeatedIndices.count && repeatedIndices[next] == index {
                while next < repeatedIndices.count && repeatedIndices[next] == index { next += 1 }
                continue
            }
            result.append(quads[index])
        }
        return result
    }

    // MARK: - Blank nodes

    mutating func freshBlankNode() -> RDFTerm {
        defer { counter += 1 }
        return .blank(Self.blankLabel(counter))
    }

    static func blankLabel(_ number: Int) -> String {
        "b" + String(number)
    }

    /// Generate Blank Node Identifier (§7.4) for a document's blank node identifier (`_:x`).
    mutating func relabel(_ identifier: String) -> RDFTerm {
        if let label = identifierMap[identifier] {
            return .blank(label)
        }
        let label = Self.blankLabel(counter)
        counter += 1
        identifierMap[identifier] = label
        return .blank(label)
    }

    /// The RDF term for an identifier from the expanded document, or `nil` when it is not well-formed.
    mutating func term(forIdentifier identifier: String) -> RDFTerm? {
        if IRI.isBlankNode(identifier) {
            return relabel(identifier)
        }
        return identifiersChecked || IRI.isWellFormed(identifier) ? .iri(identifier) : nil
    }

    // MARK: - Emitting

    @inline(__always)
    mutating func emit(_ subject: RDFTerm, _ predicate: RDFTerm, _ object: RDFTerm, _ graph: RDFTerm?)
        throws(JSONLDError)
    {
        try run.step()
        quads.append(RDFQuad(subject: subject, predicate: predicate, object: object, graph: graph))
    }

    func dropped(_ what: String) throws(JSONLDError) {
        run.noteLoss(what + " and would be dropped from the RDF")
    }

    /// Emits the triples of a node object in `graph` (`nil` = default graph) and returns its subject, or `nil`
    /// when its identifier is not well-formed (such a node is not the subject or object of any triple).
    mutating func node(_ node: JSONObject, graph: RDFTerm?) throws(JSONLDError) -> RDFTerm? {
        try run.enter()
        defer { run.depth -= 1 }
        var subject: RDFTerm?
        var identified = false
        switch node["@id"] {
        case .string(let identifier)?:
            subject = term(forIdentifier: identifier)
            identified = true
            if subject == nil {
                try dropped("the node identifier \"\(identifier)\" is not an absolute IRI, so its statements")
            }
        case .some:
            subject = nil
            identified = true
        case nil:
            subject = freshBlankNode()
        }

        var rangeKey: SubjectKey?
        let start = quads.count
        if identified, let subject, node.count > 1 {
            let key = SubjectKey(subject: subject, graph: graph)
            if !subjects.insert(key).inserted && !needsDeduplication && !repeatedSubjects.contains(key) {
                if repeatedSubjects.count < 16 {
                    repeatedSubjects.append(key)
                } else {
                    // Many subjects repeat: deduplicate the whole dataset with a hash set instead.
                    needsDeduplication = true
                }
            }
            rangeKey = key
        }
        defer {
            if let rangeKey {
                nodeRanges.append((rangeKey, start..<quads.count))
            }
        }

        for member in node.members {
            let key = member.key
            run.path.append(.key(key))
            defer { run.path.removeLast() }
            if key.utf8.first != UInt8(ascii: "@") {
                if key == RDFVocabulary.rdfType && node["@type"] != nil {
                    needsDeduplication = true
                }
                let predicate = try self.predicate(key)
                try values(member.value, subject: subject, predicate: predicate, graph: graph)
                continue
            }
            switch key {
            case "@id":
                continue
            case "@type":
                try types(member.value, subject: subject, graph: graph)
            case "@index":
                if identified, let subject, case .string(let index) = member.value {
                    if let existing = indexes[subject], existing != index {
                        throw run.error(
                            .conflictingIndexes, "the node \(Self.label(subject)) has two different @index values")
                    }
                    indexes[subject] = index
                }
            case "@reverse":
                guard case .object(let reverseMap) = member.value else { continue }
                needsDeduplication = true
                for property in reverseMap.members {
                    let predicate = try self.predicate(property.key)
                    for value in JSONLDRun.asArray(property.value) {
                        guard case .object(let valueNode) = value else { continue }
                        let valueSubject = try self.node(valueNode, graph: graph)
                        if let valueSubject, let predicate, let subject {
                            try emit(valueSubject, predicate, subject, graph)
                        }
                    }
                }
            case "@graph":
                guard let graphName = subject else {
                    try dropped("the graph name is not well-formed, so the graph")
                    continue
                }
                for element in JSONLDRun.asArray(member.value) {
                    guard case .object(let object) = element, object["@value"] == nil, object["@list"] == nil
                    else { continue }
                    _ = try self.node(object, graph: graphName)
                }
            case "@included":
                for element in JSONLDRun.asArray(member.value) {
                    guard case .object(let object) = element else { continue }
                    _ = try self.node(object, graph: graph)
                }
            default:
                continue
            }
        }
        return subject
    }

    /// The predicate term for an expanded property, or `nil` when it must be skipped.
    mutating func predicate(_ property: String) throws(JSONLDError) -> RDFTerm? {
        if IRI.isBlankNode(property) {
            if run.options.produceGeneralizedRdf {
                return relabel(property)
            }
            try dropped("the property \"\(property)\" is a blank node, which RDF does not allow as a predicate,")
            return nil
        }
        // Safe-mode expansion for RDF already refused every property that is not a well-formed IRI.
        if identifiersChecked || IRI.isWellFormed(property) {
            return .iri(property)
        }
        try dropped("the property \"\(property)\" is not a well-formed IRI")
        return nil
    }

    mutating func types(_ value: JSONValue, subject: RDFTerm?, graph: RDFTerm?) throws(JSONLDError) {
        let items = JSONLDRun.asArray(value)
        var seen = SeenTerms()
        for item in items {
            guard case .string(let type) = item else { continue }
            guard let object = term(forIdentifier: type) else {
                try dropped("the type \"\(type)\" is not an absolute IRI")
                continue
            }
            guard let subject else { continue }
            if items.count > 1 && !seen.insert(object) { continue }
            try emit(subject, .iri(RDFVocabulary.rdfType), object, graph)
        }
    }

    /// Emits one triple per value of a property (values are value, list or node objects).
    mutating func values(_ value: JSONValue, subject: RDFTerm?, predicate: RDFTerm?, graph: RDFTerm?)
        throws(JSONLDError)
    {
        // One value (the common case) needs neither an array nor the repeat check.
        guard case .array(let items) = value else {
            if let object = try self.object(value, graph: graph), let subject, let predicate {
                try emit(subject, predicate, object, graph)
            }
            return
        }
        var seen = SeenTerms()
        for (index, item) in items.enumerated() {
            if items.count > 1 { run.path.append(.index(index)) }
            defer { if items.count > 1 { run.path.removeLast() } }
            guard let object = try self.object(item, graph: graph) else { continue }
            guard let subject, let predicate else { continue }
            if items.count > 1 && !seen.insert(object) { continue }
            try emit(subject, predicate, object, graph)
        }
    }

    /// Object to RDF Conversion (§8.2): the term for a value, list or node object; `nil` when it is dropped.
    mutating func object(_ item: JSONValue, graph: RDFTerm?) throws(JSONLDError) -> RDFTerm? {
        guard case .object(let object) = item else { return nil }
        for member in object.members where member.key.utf8.first == UInt8(ascii: "@") {
            if member.key == "@value" {
                return try literal(object, graph: graph)
            }
            if member.key == "@list" {
                return try self.list(JSONLDRun.asArray(member.value), graph: graph)
            }
        }
        return try node(object, graph: graph)
    }

    /// List to RDF Conversion (§8.3).
    mutating func list(_ items: [JSONValue], graph: RDFTerm?) throws(JSONLDError) -> RDFTerm? {
        guard !items.isEmpty else { return .iri(RDFVocabulary.rdfNil) }
        var nodes: [RDFTerm] = []
        nodes.reserveCapacity(items.count)
        for _ in items { nodes.append(freshBlankNode()) }
        for (index, item) in items.enumerated() {
            run.path.append(.index(index))
            defer { run.path.removeLast() }
            if let object = try self.object(item, graph: graph) {
                try emit(nodes[index], .iri(RDFVocabulary.rdfFirst), object, graph)
            }
            let rest = index + 1 < nodes.count ? nodes[index + 1] : .iri(RDFVocabulary.rdfNil)
            try emit(nodes[index], .iri(RDFVocabulary.rdfRest), rest, graph)
        }
        return nodes[0]
    }

    /// The literal (or compound-literal blank node) for a value object.
    mutating func literal(_ item: JSONObject, graph: RDFTerm?) throws(JSONLDError) -> RDFTerm? {
        var valueEntry: JSONValue?
        var datatype: String?
        var language: String?
        var directionEntry: String?
        for member in item.members {
            switch member.key {
            case "@value": valueEntry = member.value
            case "@type": datatype = member.value.stringValue
            case "@language": language = member.value.stringValue
            case "@direction": directionEntry = member.value.stringValue
            default: continue
            }
        }
        guard let value = valueEntry else { return nil }
        // (Safe-mode expansion for RDF checked explicit datatypes and type mappings already.)
        if !identifiersChecked, let type = datatype, type != "@json", !IRI.isWellFormed(type) {
            try dropped("the datatype \"\(type)\" is not a well-formed IRI, so the value")
            return nil
        }
        if let language, !IRI.isWellFormedLanguageTag(language) {
            try dropped("the language tag \"\(language)\" is not well-formed, so the value")
            return nil
        }
        let lexical: String
        if datatype == "@json" {
            guard let canonical = JSONLiteral.canonical(value) else {
                try dropped("the JSON literal has no canonical form (a number is beyond the range of a double), so it")
                return nil
            }
            lexical = canonical
            datatype = RDFVocabulary.rdfJSON
        } else {
            switch value {
            case .bool(let flag):
                lexical = flag ? "true" : "false"
                if datatype == nil { datatype = RDFVocabulary.xsdBoolean }
            case .number(let number):
                let double = number.doubleValue
                if !number.isIntegerLexeme && (double.rounded(.towardZero) != double || abs(double) >= 1e21)
                    || (number.isIntegerLexeme && abs(double) >= 1e21) || datatype == RDFVocabulary.xsdDouble
                {
                    lexical = XSDCanonical.double(double)
                    if datatype == nil { datatype = RDFVocabulary.xsdDouble }
                } else {
                    lexical = XSDCanonical.integer(number)
                    if datatype == nil { datatype = RDFVocabulary.xsdInteger }
                }
            case .string(let text):
                lexical = text
                if datatype == nil {
                    datatype = language == nil ? RDFVocabulary.xsdString : RDFVocabulary.rdfLangString
                }
            default:
                return nil
            }
        }
        if let direction = directionEntry {
            switch run.options.rdfDirection {
            case .i18nDatatype?:
                let tag = language?.asciiLowercased() ?? ""
                return .literal(RDFLiteral(lexical, datatype: JSONLDRun.i18nDatatype(tag, direction)))
            case .compoundLiteral?:
                let node = freshBlankNode()
                try emit(node, .iri(RDFVocabulary.rdfValue), .literal(RDFLiteral(lexical)), graph)
                if let language {
                    try emit(
                        node, .iri(RDFVocabulary.rdfLanguage), .literal(RDFLiteral(language.asciiLowercased())),
                        graph)
                }
                try emit(node, .iri(RDFVocabulary.rdfDirection), .literal(RDFLiteral(direction)), graph)
                return node
            case nil:
                try dropped("the base direction \"\(direction)\" has no RDF form without the rdfDirection option")
            }
        }
        if let language {
            return .literal(RDFLiteral(lexical, language: language))
        }
        return .literal(RDFLiteral(lexical, datatype: datatype ?? RDFVocabulary.xsdString))
    }

    static func label(_ term: RDFTerm?) -> String {
        switch term {
        case .iri(let iri)?: return iri
        case .blank(let label)?: return "_:" + label
        default: return ""
        }
    }
}

/// The objects already emitted for one subject and predicate: a short list, or a hash set once it grows.
struct SeenTerms {
    private var list: [RDFTerm] = []
    private var set: Set<RDFTerm>?

    /// Adds `term`; false when it was already there.
    mutating func insert(_ term: RDFTerm) -> Bool {
        if set != nil {
            return set!.insert(term).inserted
        }
        if list.contains(term) { return false }
        list.append(term)
        if list.count > 16 {
            set = Set(list)
            list = []
        }
        return true
    }
}

extension JSONLDRun {
    static func i18nDatatype(_ language: String, _ direction: String) -> String {
        i18nBase + language + "_" + direction
    }
}
