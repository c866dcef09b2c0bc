import BadgeIssuer
import CSV
import Testing

@Suite struct CSVReaderTests {
    static let roster = Array(
        "\u{FEFF}recipient,name,results\r\n\"ada@example.org\",\"Lovelace, Ada\",analysis=proficient\r\n\r\n"
            .utf8)
        + Array("grace@example.org,\"Grace \"\"Amazing\"\"\nHopper\",\nlast,row".utf8)

    static func records(_ bytes: [UInt8], blockSize: Int) throws -> [CSVRecord] {
        var parser = try CSVParser(source: CSVBytes(bytes), blockSize: blockSize)
        var records: [CSVRecord] = []
        while let record = try parser.next() { records.append(record) }
        return records
    }

    @Test("quotes, doubled quotes, line breaks in quotes, CRLF, a byte-order mark and blank lines, in any block size")
    func syntax() throws {
        let expected = [
            CSVRecord(fields: ["recipient", "name", "results"], line: 1),
            CSVRecord(fields: ["ada@example.org", "Lovelace, Ada", "analysis=proficient"], line: 2),
            CSVRecord(fields: ["grace@example.org", "Grace \"Amazing\"\nHopper", ""], line: 4),
            CSVRecord(fields: ["last", "row"], line: 6),
        ]
        for blockSize in [1, 2, 3, 7, 64 * 1024] {
            #expect(try Self.records(Self.roster, blockSize: blockSize) == expected, "block size \(blockSize)")
        }
    }

    @Test("';' is the delimiter when the header has semicolons and no commas; a bad row fails alone")
    func semicolonsAndBadRows() throws {
        let text = Array("a;b\n".utf8) + [0x63, 0xFF, 0x3B, 0x0A] + Array("x;yyyy\nd;e".utf8)
        var parser = try CSVParser(source: CSVBytes(text))
        parser.maxFieldBytes = 3
        #expect(parser.delimiter == UInt8(ascii: ";"))
        #expect(try parser.next()?.fields == ["a", "b"])
        #expect(try parser.next()?.problem == "the row is not valid UTF-8 (field 1)")
        #expect(try parser.next()?.problem == "field 2 is longer than 3 bytes")
        #expect(try parser.next()?.fields == ["d", "e"])
        #expect(try parser.next() == nil)
    }

    @Test("an unclosed quote is an error naming the roster file and the line where the field starts")
    func unclosedQuote() throws {
        let directory = TemporaryDirectory()
        let path = try directory.write("roster.csv", "recipient\na@example.org\n\"b@example.org\n")
        var reader = try CSVReader(path: path)
        defer { reader.close() }
        #expect(try reader.next()?.fields == ["recipient"])
        #expect(try reader.next()?.fields == ["a@example.org"])
        let error = #expect(throws: IssuerError.self) { try reader.next() }
        #expect(error?.code == .csv)
        #expect(error?.file == path)
        #expect(error?.line == 3)
    }
}
