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
        emitter.quads.reserveCapacity(64)
        for (index, element) in expanded.enumerated() {
            path = [.index(index)]
            guard case .object(let object) = element else { continue }
            if object["@value"] != nil || object["@list"] != nil { continue }
            _ = try emitter.node(object, graph: nil)
        }
        path = []
        try throwIfDataLoss()
        return RDFDataset(quads: emitter.finish())
    }
}

/// Collects the quads of one toRdf run.
struct QuadEmitter {
    let run: JSONLDRun
    var quads: [RDFQuad] = []
    var counter = 0
    /// Blank node identifiers of the document → generated labels.
    var identifierMap: [String: String] = [:]
    /// (graph, subject) pairs already emitted from a node object with an `@id`.
    var subjects: Set<SubjectKey> = []
    /// `@index` of each identified node, to detect conflicting indexes.
    var indexes: [String: String] = [:]
    /// Whether any quad may have been emitted twice (`@reverse`, or `rdf:type` beside `@type`).
    var needsDeduplication = false
    /// Positions of the quads a node object emitted for a subject that an earlier node object of the same graph
    /// already had: only these can repeat an earlier quad otherwise, since each node object deduplicates its own
    /// values.
    var recheck: [Int] = []

    struct SubjectKey: Hashable {
        let graph: String
        let subject: String
    }

    init(run: JSONLDRun) {
        self.run = run
    }

    mutating func finish() -> [RDFQuad] {
        // Beyond a few rechecked quads, hashing every quad once is cheaper than comparing each with all before it.
        if needsDeduplication || recheck.count > 32 {
            var seen = Set<RDFQuad>(minimumCapacity: quads.count)
            return quads.filter { seen.insert($0).inserted }
        }
        guard !recheck.isEmpty else { return quads }
        var duplicate = [Bool](repeating: false, count: quads.count)
        var found = false
        for index in recheck {
            let quad = quads[index]
            for earlier in 0..<index where !duplicate[earlier] && quads[earlier] == quad {
                duplicate[index] = true
                found = true
                break
            }
        }
        guard found else { return quads }
        var kept: [RDFQuad] = []
        kept.reserveCapacity(quads.count)
        for index in quads.indices where !duplicate[index] { kept.append(quads[index]) }
        return kept
    }

    // MARK: - Blank nodes

    mutating func freshBlankNode() -> RDFTerm {
        defer { counter += 1 }
        return .blank("b\(counter)")
    }

    /// Generate Blank Node Identifier (§7.4) for a document's blank node identifier (`_:x`).
    mutating func relabel(_ identifier: String) -> RDFTerm {
        if let label = identifierMap[identifier] {
            return .blank(label)
        }
        let label = "b\(counter)"
        counter += 1
        identifierMap[identifier] = label
        return .blank(label)
    }

    /// The RDF term for an identifier from the expanded document, or `nil` when it is not well-formed.
    mutating func term(forIdentifier identifier: String) -> RDFTerm? {
        if IRI.isBlankNode(identifier) {
            return relabel(identifier)
        }
        return IRI.isWellFormed(identifier) ? .iri(identifier) : nil
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

        var repeated = false
        if identified, let subject, node.count > 1 {
            let key = SubjectKey(graph: Self.label(graph), subject: Self.label(subject))
            repeated = !subjects.insert(key).inserted
        }

        for member in node.members {
            let key = member.key
            run.path.append(.key(key))
            defer { run.path.removeLast() }
            switch key {
            case "@id":
                continue
            case "@type":
                try types(member.value, subject: subject, graph: graph, recheck: repeated)
            case "@index":
                if identified, let subject, case .string(let index) = member.value {
                    let label = Self.label(subject)
                    if let existing = indexes[label], existing != index {
                        throw run.error(.conflictingIndexes, "the node \(label) has two different @index values")
                    }
                    indexes[label] = index
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
                if key.utf8.first == UInt8(ascii: "@") { continue }
                if key == RDFVocabulary.rdfType && node["@type"] != nil {
                    needsDeduplication = true
                }
                let predicate = try self.predicate(key)
                try values(member.value, subject: subject, predicate: predicate, graph: graph, recheck: repeated)
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
        if IRI.isWellFormed(property) {
            return .iri(property)
        }
        try dropped("the property \"\(property)\" is not a well-formed IRI")
        return nil
    }

    mutating func types(_ value: JSONValue, subject: RDFTerm?, graph: RDFTerm?, recheck: Bool) throws(JSONLDError) {
        let items = JSONLDRun.asArray(value)
        let start = quads.count
        for item in items {
            guard case .string(let type) = item else { continue }
            guard let object = term(forIdentifier: type) else {
                try dropped("the type \"\(type)\" is not an absolute IRI")
                continue
            }
            guard let subject else { continue }
            if items.count > 1 && quads[start...].contains(where: { $0.object == object }) { continue }
            if recheck { self.recheck.append(quads.count) }
            try emit(subject, .iri(RDFVocabulary.rdfType), object, graph)
        }
    }

    /// Emits one triple per value of a property (values are value, list or node objects).
    mutating func values(
        _ value: JSONValue, subject: RDFTerm?, predicate: RDFTerm?, graph: RDFTerm?, recheck: Bool = false
    ) throws(JSONLDError)
    {
        let items = JSONLDRun.asArray(value)
        var objects: [RDFTerm] = []
        for (index, item) in items.enumerated() {
            if items.count > 1 { run.path.append(.index(index)) }
            defer { if items.count > 1 { run.path.removeLast() } }
            guard let object = try self.object(item, graph: graph) else { continue }
            guard let subject, let predicate else { continue }
            if items.count > 1 {
                if objects.contains(object) { continue }
                objects.append(object)
            }
            if recheck { self.recheck.append(quads.count) }
            try emit(subject, predicate, object, graph)
        }
    }

    /// Object to RDF Conversion (§8.2): the term for a value, list or node object; `nil` when it is dropped.
    mutating func object(_ item: JSONValue, graph: RDFTerm?) throws(JSONLDError) -> RDFTerm? {
        guard case .object(let object) = item else { return nil }
        if object["@value"] != nil {
            return try literal(object, graph: graph)
        }
        if let list = object["@list"] {
            return try self.list(JSONLDRun.asArray(list), graph: graph)
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
        guard let value = item["@value"] else { return nil }
        var datatype = item["@type"]?.stringValue
        if let type = datatype, type != "@json", !IRI.isWellFormed(type) {
            try dropped("the datatype \"\(type)\" is not a well-formed IRI, so the value")
            return nil
        }
        let language = item["@language"]?.stringValue
        if let language, !IRI.isWellFormedLanguageTag(language) {
            try dropped("the language tag \"\(language)\" is not well-formed, so the value")
            return nil
        }
        let lexical: String
        if datatype == "@json" {
            lexical = JSONLiteral.canonical(value)
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
        if let direction = item["@direction"]?.stringValue {
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

extension JSONLDRun {
    static func i18nDatatype(_ language: String, _ direction: String) -> String {
        i18nBase + language + "_" + direction
    }
}
