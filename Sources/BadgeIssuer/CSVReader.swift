public import CSV

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A roster file read as CSV (see `CSVParser` for the syntax), 64 KiB at a time, so a roster of any length takes
/// constant memory. Errors name the file.
public struct CSVReader {
    public typealias Record = CSVRecord

    /// The field separator `init` found on the header line (`,` or `;`).
    public var delimiter: UInt8 {
        get { parser.delimiter }
        set { parser.delimiter = newValue }
    }

    /// Largest field accepted, against runaway quoted fields.
    public var maxFieldBytes: Int {
        get { parser.maxFieldBytes }
        set { parser.maxFieldBytes = newValue }
    }

    private let fd: Int32
    private let path: String
    private var parser: CSVParser

    public init(path: String) throws(IssuerError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw IssuerError(.io, "cannot open: \(String(cString: strerror(errno)))", file: path)
        }
        self.fd = fd
        self.path = path
        do {
            parser = try CSVParser(source: FileSource(fd: fd))
        } catch {
            _ = Glibc.close(fd)
            throw Self.issuerError(error, path: path)
        }
    }

    public func close() {
        _ = Glibc.close(fd)
    }

    /// The next record, or nil at the end of the file. Blank lines are skipped.
    public mutating func next() throws(IssuerError) -> Record? {
        do {
            return try parser.next()
        } catch {
            throw Self.issuerError(error, path: path)
        }
    }

    private static func issuerError(_ error: CSVError, path: String) -> IssuerError {
        switch error.kind {
        case .read: IssuerError(.io, error.message, file: path)
        case .syntax: IssuerError(.csv, error.message, file: path, line: error.line)
        }
    }
}

/// An open file descriptor as a `CSVByteSource`.
private struct FileSource: CSVByteSource {
    let fd: Int32

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(CSVError) -> Int {
        let read = Glibc.read(fd, buffer.baseAddress, buffer.count)
        if read < 0 {
            throw CSVError(.read, "cannot read: \(String(cString: strerror(errno)))")
        }
        return read
    }
}
