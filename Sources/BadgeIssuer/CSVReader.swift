#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming RFC 4180 CSV reader: quoted fields with `""` escapes and line breaks inside quotes, CRLF or LF
/// line ends, a UTF-8 byte-order mark at the start ignored. Reads the file in 64 KiB blocks, so a roster of any
/// length takes constant memory.
public struct CSVReader {
    public struct Record: Sendable, Hashable {
        public var fields: [String]
        /// The 1-based line where the record starts.
        public var line: Int
        /// Why this one row cannot be used (invalid UTF-8, a field over the size limit); the reader goes on with
        /// the next row, so one bad row fails alone.
        public var problem: String?
    }

    /// The field separator: `,` (RFC 4180), or `;` as spreadsheets write CSV in locales where `,` is the decimal
    /// mark. `init` reads it off the header line: `;` when that line has semicolons and no commas outside quotes.
    public var delimiter = UInt8(ascii: ",")

    private let fd: Int32
    private let path: String
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    private var count = 0
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var started = false
    /// Largest field accepted, against runaway quoted fields.
    public var maxFieldBytes = 1 << 20

    public init(path: String) throws(IssuerError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw IssuerError(.io, "cannot open: \(String(cString: strerror(errno)))", file: path)
        }
        self.fd = fd
        self.path = path
        delimiter = Self.headerDelimiter(fd)
    }

    /// `;` when the first line has a semicolon and no comma outside quotes, else `,`. Reads the first block and
    /// rewinds.
    private static func headerDelimiter(_ fd: Int32) -> UInt8 {
        var block = [UInt8](repeating: 0, count: 64 * 1024)
        let read = block.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        _ = lseek(fd, 0, SEEK_SET)
        guard read > 0 else { return UInt8(ascii: ",") }
        var quoted = false
        var commas = 0
        var semicolons = 0
        for byte in block.prefix(read) {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if byte == 0x0A || byte == 0x0D { break }
            if byte == UInt8(ascii: ",") { commas += 1 }
            if byte == UInt8(ascii: ";") { semicolons += 1 }
        }
        return commas == 0 && semicolons > 0 ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    public func close() {
        _ = Glibc.close(fd)
    }

    private mutating func nextByte() throws(IssuerError) -> UInt8? {
        if position == count {
            if atEnd { return nil }
            let read = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if read < 0 {
                throw IssuerError(.io, "cannot read: \(String(cString: strerror(errno)))", file: path)
            }
            if read == 0 {
                atEnd = true
                return nil
            }
            count = read
            position = 0
        }
        let byte = buffer[position]
        position += 1
        return byte
    }

    private mutating func peekByte() throws(IssuerError) -> UInt8? {
        guard let byte = try nextByte() else { return nil }
        position -= 1
        return byte
    }

    /// The next record, or nil at the end of the file. Blank lines are skipped.
    public mutating func next() throws(IssuerError) -> Record? {
        if !started {
            started = true
            if try peekByte() == 0xEF {
                var bom: [UInt8] = []
                for _ in 0..<3 { if let b = try nextByte() { bom.append(b) } }
                if bom != [0xEF, 0xBB, 0xBF] {
                    throw IssuerError(.csv, "the file starts with bytes that are not UTF-8", file: path, line: 1)
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
                        throw IssuerError(.csv, "a quoted field is never closed", file: path, line: startLine)
                    }
                    finish(field)
                    return Record(fields: problem == nil ? fields : [], line: startLine, problem: problem)
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
                    return Record(fields: problem == nil ? fields : [], line: startLine, problem: problem)
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
