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
    }

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
            while true {
                guard let byte = try nextByte() else {
                    if quoted {
                        throw IssuerError(.csv, "a quoted field is never closed", file: path, line: startLine)
                    }
                    fields.append(try decode(field, line: startLine))
                    return Record(fields: fields, line: startLine)
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
                } else if byte == UInt8(ascii: ",") {
                    fields.append(try decode(field, line: startLine))
                    field.removeAll(keepingCapacity: true)
                    fieldStarted = false
                } else if byte == 0x0A || byte == 0x0D {
                    if byte == 0x0D, try peekByte() == 0x0A { _ = try nextByte() }
                    line += 1
                    fields.append(try decode(field, line: startLine))
                    if fields == [""] { continue records }  // a blank line
                    return Record(fields: fields, line: startLine)
                } else if byte == UInt8(ascii: "\"") && !fieldStarted {
                    quoted = true
                    fieldStarted = true
                } else {
                    field.append(byte)
                    fieldStarted = true
                }
                if field.count > maxFieldBytes {
                    throw IssuerError(.csv, "a field is longer than \(maxFieldBytes) bytes", file: path, line: startLine)
                }
            }
        }
    }

    private func decode(_ bytes: [UInt8], line: Int) throws(IssuerError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw IssuerError(.csv, "the row is not valid UTF-8", file: path, line: line)
        }
        return text
    }
}
