/// Where a `CSVParser` reads its bytes from: a file, a pipe, memory.
public protocol CSVByteSource {
    /// Copies up to `buffer.count` bytes into the start of `buffer` and returns how many; 0 means the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(CSVError) -> Int
}

/// Bytes already in memory, as a `CSVByteSource`.
public struct CSVBytes: CSVByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(CSVError) -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + count])) }
        offset += count
        return count
    }
}

/// Why CSV text cannot be read: the source failed, or the text breaks the syntax so that no later row can be
/// trusted either (an unclosed quoted field, a damaged byte-order mark).
public struct CSVError: Error, Sendable {
    public enum Kind: Sendable {
        /// The byte source failed.
        case read
        /// The text is not CSV.
        case syntax
    }

    public var kind: Kind
    public var message: String
    /// The 1-based line concerned, for syntax errors.
    public var line: Int?

    public init(_ kind: Kind, _ message: String, line: Int? = nil) {
        self.kind = kind
        self.message = message
        self.line = line
    }
}

/// One CSV row.
public struct CSVRecord: Sendable, Hashable {
    /// The row's fields, empty when the row has a `problem`.
    public var fields: [String]
    /// The 1-based line where the record starts.
    public var line: Int
    /// Why this one row cannot be used (invalid UTF-8, a field over the size limit); the parser goes on with the
    /// next row, so one bad row fails alone.
    public var problem: String?

    public init(fields: [String], line: Int, problem: String? = nil) {
        self.fields = fields
        self.line = line
        self.problem = problem
    }
}

/// A streaming RFC 4180 CSV parser: quoted fields with `""` escapes and line breaks inside quotes, CRLF or LF line
/// ends, a UTF-8 byte-order mark at the start ignored, blank lines skipped. Reads its source in fixed-size blocks,
/// so input of any length takes constant memory.
public struct CSVParser {
    /// The field separator: `,` (RFC 4180), or `;` as spreadsheets write CSV in locales where `,` is the decimal
    /// mark. `init` reads it off the header line: `;` when that line, as far as the first block holds it, has
    /// semicolons and no commas outside quotes.
    public var delimiter = UInt8(ascii: ",")
    /// Largest field accepted, against runaway quoted fields.
    public var maxFieldBytes = 1 << 20

    private var source: any CSVByteSource
    private var buffer: [UInt8]
    private var count = 0
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var started = false

    /// Reads the first block of `source` and picks the delimiter from it. `blockSize` (at least 1) is how many
    /// bytes are asked of the source at a time.
    public init(source: some CSVByteSource, blockSize: Int = 64 * 1024) throws(CSVError) {
        self.source = source
        buffer = [UInt8](repeating: 0, count: max(1, blockSize))
        try fill()
        delimiter = Self.headerDelimiter(buffer.prefix(count))
    }

    /// `;` when `block`'s first line has a semicolon and no comma outside quotes, else `,`.
    private static func headerDelimiter(_ block: ArraySlice<UInt8>) -> UInt8 {
        var quoted = false
        var commas = 0
        var semicolons = 0
        for byte in block {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if byte == 0x0A || byte == 0x0D { break }
            if byte == UInt8(ascii: ",") { commas += 1 }
            if byte == UInt8(ascii: ";") { semicolons += 1 }
        }
        return commas == 0 && semicolons > 0 ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    /// Replaces the buffer's contents with the source's next block; at the end, sets `atEnd`.
    private mutating func fill() throws(CSVError) {
        var source = self.source
        let read = try buffer.withUnsafeMutableBytes { bytes in
            Result { () throws(CSVError) -> Int in try source.read(into: bytes) }
        }.get()
        self.source = source
        guard read > 0 else {
            atEnd = true
            count = 0
            position = 0
            return
        }
        count = min(read, buffer.count)
        position = 0
    }

    private mutating func nextByte() throws(CSVError) -> UInt8? {
        if position == count {
            if atEnd { return nil }
            try fill()
            if atEnd { return nil }
        }
        let byte = buffer[position]
        position += 1
        return byte
    }

    private mutating func peekByte() throws(CSVError) -> UInt8? {
        guard let byte = try nextByte() else { return nil }
        position -= 1
        return byte
    }

    /// The next record, or nil at the end of the input. Blank lines are skipped.
    public mutating func next() throws(CSVError) -> CSVRecord? {
        if !started {
            started = true
            if try peekByte() == 0xEF {
                var bom: [UInt8] = []
                for _ in 0..<3 { if let b = try nextByte() { bom.append(b) } }
                if bom != [0xEF, 0xBB, 0xBF] {
                    throw CSVError(.syntax, "the file starts with bytes that are not UTF-8", line: 1)
                }
            }
        }
        records: while true {
            guard try peekByte() != nil else { return nil }
            let startLine = line
            var fields: [String] = []
            var field: [UInt8] = []
            var quoted = false
            var fieldStarted = false
            var problem: String? = nil
            func finish(_ bytes: [UInt8]) {
                if problem != nil { return }
                if let text = String(validating: bytes, as: UTF8.self) {
                    fields.append(text)
                } else {
                    problem = "the row is not valid UTF-8 (field \(fields.count + 1))"
                }
            }
            while true {
                guard let byte = try nextByte() else {
                    if quoted {
                        throw CSVError(.syntax, "a quoted field is never closed", line: startLine)
                    }
                    finish(field)
                    return CSVRecord(fields: problem == nil ? fields : [], line: startLine, problem: problem)
                }
                if quoted {
                    if byte == UInt8(ascii: "\"") {
                        if try peekByte() == UInt8(ascii: "\"") {
                            _ = try nextByte()
                            field.append(byte)
                        } else {
                            quoted = false
                        }
                    } else {
                        if byte == 0x0A { line += 1 }
                        field.append(byte)
                    }
                } else if byte == delimiter {
                    finish(field)
                    field.removeAll(keepingCapacity: true)
                    fieldStarted = false
                } else if byte == 0x0A || byte == 0x0D {
                    if byte == 0x0D, try peekByte() == 0x0A { _ = try nextByte() }
                    line += 1
                    finish(field)
                    if problem == nil && fields == [""] { continue records }  // a blank line
                    return CSVRecord(fields: problem == nil ? fields : [], line: startLine, problem: problem)
                } else if byte == UInt8(ascii: "\"") && !fieldStarted {
                    quoted = true
                    fieldStarted = true
                } else {
                    field.append(byte)
                    fieldStarted = true
                }
                if field.count > maxFieldBytes {
                    // The rest of the field is read and dropped: the row is refused, the next one is read.
                    problem = problem ?? "field \(fields.count + 1) is longer than \(maxFieldBytes) bytes"
                    field.removeAll(keepingCapacity: true)
                }
            }
        }
    }
}
