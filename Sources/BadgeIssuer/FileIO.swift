import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File writing that never leaves a half-written file: write a temporary file beside the target, flush it to
/// disk, then rename it into place (atomic on POSIX file systems).
public enum FileIO {
    /// Reads a whole file.
    public static func read(_ path: String, limit: Int = 64 * 1024 * 1024) throws(IssuerError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IssuerError(.io, "cannot open: \(errorText())", file: path) }
        defer { close(fd) }
        // A regular file is read into a buffer of its size (one more byte shows whether it grew meanwhile);
        // anything else, or a file that grew, in pieces.
        var info = stat()
        var out: [UInt8] = []
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) <= limit {
            let size = Int(info.st_size)
            var filled = 0
            var failure: Int32 = 0
            out = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
                while filled < buffer.count {
                    let read = Glibc.read(fd, buffer.baseAddress! + filled, buffer.count - filled)
                    if read < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        break
                    }
                    if read == 0 { break }
                    filled += read
                }
                count = filled
            }
            if failure != 0 {
                errno = failure
                throw IssuerError(.io, "cannot read: \(errorText())", file: path)
            }
            if out.count > limit {
                throw IssuerError(.io, "the file is larger than \(limit) bytes", file: path)
            }
            if out.count <= size { return out }
        }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw IssuerError(.io, "cannot read: \(errorText())", file: path)
            }
            if count == 0 { break }
            out.append(contentsOf: buffer[0..<count])
            if out.count > limit {
                throw IssuerError(.io, "the file is larger than \(limit) bytes", file: path)
            }
        }
        return out
    }

    /// Writes `bytes` to `path` atomically with permission `mode`. Without `overwrite`, an existing file is an
    /// error and is left untouched. With `durable` false the data is not flushed to disk here: the caller
    /// flushes many files at once with `syncFileSystem(of:)` before it records them as written.
    public static func write(
        _ bytes: some Collection<UInt8>, to path: String, mode: UInt32 = 0o644, overwrite: Bool = true,
        durable: Bool = true
    ) throws(IssuerError) {
        try write(pieces: [Array(bytes)], to: path, mode: mode, overwrite: overwrite, durable: durable)
    }

    /// Writes the pieces one after the other as one file, atomically, as `write(_:to:mode:overwrite:durable:)`
    /// (with as few system calls as the pieces allow, and without first joining them in memory).
    public static func write(
        pieces: [[UInt8]], to path: String, mode: UInt32 = 0o644, overwrite: Bool = true, durable: Bool = true
    ) throws(IssuerError) {
        let mode = mode_t(mode)
        if !overwrite && exists(path) {
            throw IssuerError(.io, "the file already exists; remove it, or choose another name", file: path)
        }
        let temporary = path + ".tmp-\(processID)-\(temporaryCounter.add(1, ordering: .relaxed).newValue)"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw IssuerError(.io, "cannot create: \(errorText())", file: path) }
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        do {
            try writeAll(pieces, to: fd, path: path)
        } catch {
            close(fd)
            throw error
        }
        // The mode given to open() is filtered by the umask; set it exactly when the umask changed it.
        if mode & ~Self.umaskValue != mode { fchmod(fd, mode) }
        guard !durable || fsync(fd) == 0, close(fd) == 0 else {
            throw IssuerError(.io, "cannot flush to disk: \(errorText())", file: path)
        }
        if !overwrite {
            // link() fails if the target appeared meanwhile: never replace a file we were told to keep.
            guard link(temporary, path) == 0 else {
                throw IssuerError(.io, "cannot create: \(errorText())", file: path)
            }
            unlink(temporary)
        } else {
            guard rename(temporary, path) == 0 else {
                throw IssuerError(.io, "cannot move into place: \(errorText())", file: path)
            }
        }
        ok = true
    }

    /// Writes the files at `sources`, one after the other, into `path` — atomically (temporary file, then rename),
    /// through one buffer of bounded size so memory stays small. Returns the number of lines written (newline
    /// bytes).
    @discardableResult
    public static func concatenate(_ sources: [String], to path: String) throws(IssuerError) -> Int {
        let temporary = path + ".tmp-\(processID)-\(temporaryCounter.add(1, ordering: .relaxed).newValue)"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IssuerError(.io, "cannot create: \(errorText())", file: path) }
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        var lines = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        for source in sources {
            do {
                try copy(source, to: fd, path: path, through: buffer) { lines += countNewlines($0) }
            } catch {
                close(fd)
                throw error
            }
        }
        guard fsync(fd) == 0, close(fd) == 0, rename(temporary, path) == 0 else {
            throw IssuerError(.io, "cannot finish writing: \(errorText())", file: path)
        }
        ok = true
        return lines
    }

    /// Appends the file at `source` to `fd`, a buffer at a time, showing each buffer to `inspect` first.
    private static func copy(
        _ source: String, to fd: Int32, path: String, through buffer: UnsafeMutableRawBufferPointer,
        inspect: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws(IssuerError) {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw IssuerError(.io, "cannot open: \(errorText())", file: source) }
        defer { close(input) }
        var total = 0
        while true {
            let count = Glibc.read(input, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw IssuerError(.io, "cannot read: \(errorText())", file: source)
            }
            if count == 0 { return }
            total += count
            if total > 1 << 30 { throw IssuerError(.io, "the file is larger than \(1 << 30) bytes", file: source) }
            let chunk = UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)
            inspect(chunk)
            try writeAll(UnsafeRawBufferPointer(chunk), to: fd, path: path)
        }
    }

    /// The number of newline bytes in `bytes`.
    static func countNewlines(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard var cursor = UnsafeRawPointer(bytes.baseAddress) else { return 0 }
        let end = cursor + bytes.count
        var count = 0
        while cursor < end, let found = memchr(cursor, 0x0A, end - cursor) {
            count += 1
            cursor = UnsafeRawPointer(found) + 1
        }
        return count
    }

    /// Flushes written files to disk (`sync(2)`: one call for a whole chunk of files is far cheaper than an
    /// `fsync` per file).
    public static func flushAll() {
        sync()
    }

    private static let processID = getpid()
    /// Numbers temporary files within this process (with O_EXCL, a clash is an error, never an overwrite).
    private static let temporaryCounter = Atomic<Int>(0)

    /// The process's umask (read once: reading it means setting it, so it is put straight back).
    private static let umaskValue: mode_t = {
        let current = umask(0o022)
        umask(current)
        return current
    }()

    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Permission bits of a file.
    public static func mode(_ path: String) -> UInt32? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt32(info.st_mode & 0o7777) : nil
    }

    /// Creates a directory and its parents.
    public static func makeDirectory(_ path: String, mode: UInt32 = 0o755) throws(IssuerError) {
        let mode = mode_t(mode)
        if isDirectory(path) { return }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if !isDirectory(prefix) && mkdir(prefix, mode) != 0 && errno != EEXIST {
                throw IssuerError(.io, "cannot create the directory: \(errorText())", file: prefix)
            }
            prefix += "/"
        }
    }

    /// Names in a directory (not recursive), sorted.
    public static func list(_ path: String) throws(IssuerError) -> [String] {
        guard let dir = opendir(path) else { throw IssuerError(.io, "cannot list: \(errorText())", file: path) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// `base` joined with `path` unless `path` is absolute.
    public static func join(_ base: String, _ path: String) -> String {
        if path.hasPrefix("/") || base.isEmpty { return path }
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }

    /// Writes every byte to `fd`, retrying short and interrupted writes; the caller closes `fd`.
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32, path: String) throws(IssuerError) {
        var written = 0
        while written < bytes.count {
            let count = Glibc.write(fd, bytes.baseAddress! + written, bytes.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                throw IssuerError(.io, "cannot write: \(errorText())", file: path)
            }
            written += count
        }
    }

    /// Writes every piece to `fd` in order, many pieces per system call (`writev`), retrying short and
    /// interrupted writes; the caller closes `fd`.
    private static func writeAll(_ pieces: [[UInt8]], to fd: Int32, path: String) throws(IssuerError) {
        var index = 0
        var offset = 0  // bytes of pieces[index] already written
        while index < pieces.count {
            if pieces[index].count == offset {
                index += 1
                offset = 0
                continue
            }
            let written: Int = withPinnedBuffers(pieces, from: index, offset: offset) { vectors in
                writev(fd, vectors.baseAddress, Int32(vectors.count))
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw IssuerError(.io, "cannot write: \(errorText())", file: path)
            }
            var left = written
            while left > 0 {
                let rest = pieces[index].count - offset
                if left >= rest {
                    left -= rest
                    index += 1
                    offset = 0
                } else {
                    offset += left
                    left = 0
                }
            }
        }
    }

    /// Calls `body` with I/O vectors over up to 64 of `pieces` from `index` (the first from `offset`).
    private static func withPinnedBuffers<R>(
        _ pieces: [[UInt8]], from index: Int, offset: Int, _ body: (UnsafeBufferPointer<iovec>) -> R
    ) -> R {
        let end = min(pieces.count, index + 64)
        var vectors: [iovec] = []
        vectors.reserveCapacity(end - index)
        func pin(_ position: Int) -> R {
            if position == end { return vectors.withUnsafeBufferPointer(body) }
            return pieces[position].withUnsafeBytes { raw -> R in
                let skip = position == index ? offset : 0
                vectors.append(iovec(
                    iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress.map { $0 + skip }),
                    iov_len: raw.count - skip))
                return pin(position + 1)
            }
        }
        return pin(index)
    }

    static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
