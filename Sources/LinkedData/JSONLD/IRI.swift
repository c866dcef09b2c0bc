#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// IRI helpers for JSON-LD: RFC 3986 §5.2 reference resolution (with dot-segment removal) and the syntactic
/// checks the algorithms need. Characters beyond ASCII are treated like unreserved characters (RFC 3987 §6.5).
enum IRI {
    /// The offset of the first `byte` in `value`'s UTF-8, found with `memchr` (a String.UTF8View scan walks its
    /// index one byte at a time, and expansion looks for a colon in every term and IRI it expands).
    @inline(__always)
    static func utf8Offset(of byte: UInt8, in value: String) -> Int? {
        if let found = value.utf8.withContiguousStorageIfAvailable({ bytes -> Int? in
            guard let base = bytes.baseAddress, !bytes.isEmpty,
                let hit = memchr(base, Int32(byte), bytes.count)
            else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        }) {
            return found
        }
        return value.utf8.firstIndex(of: byte).map { value.utf8.distance(from: value.utf8.startIndex, to: $0) }
    }

    /// Whether `value` contains `byte` (see `utf8Offset(of:in:)`).
    @inline(__always)
    static func contains(_ byte: UInt8, in value: String) -> Bool {
        utf8Offset(of: byte, in: value) != nil
    }

    /// True when `value` has the form of an absolute IRI: a scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`)
    /// followed by a colon.
    static func isAbsolute(_ value: String) -> Bool {
        if let result = value.utf8.withContiguousStorageIfAvailable({ schemeLength($0) != nil }) {
            return result
        }
        return schemeLength(Array(value.utf8)) != nil
    }

    /// Length of the scheme of `bytes` when it starts with `scheme ":"`.
    static func schemeLength(_ bytes: some Collection<UInt8>) -> Int? {
        var count = 0
        for byte in bytes {
            if byte == UInt8(ascii: ":") {
                return count > 0 ? count : nil
            }
            if isAlpha(byte) || (count > 0 && (isDigit(byte) || byte == 0x2B || byte == 0x2D || byte == 0x2E)) {
                count += 1
            } else {
                return nil
            }
        }
        return nil
    }

    /// True for a blank node identifier (`_:` followed by a label).
    static func isBlankNode(_ value: String) -> Bool {
        let bytes = value.utf8
        guard bytes.count >= 2 else { return false }
        var iterator = bytes.makeIterator()
        return iterator.next() == UInt8(ascii: "_") && iterator.next() == UInt8(ascii: ":")
    }

    /// True when `value` is a well-formed absolute IRI for RDF: it has a scheme, at most one `#`, and no
    /// character that RFC 3987 forbids anywhere in an IRI (spaces, controls, `<>"{}|\^` and backquote).
    static func isWellFormed(_ value: String) -> Bool {
        if let result = value.utf8.withContiguousStorageIfAvailable({ isWellFormed(bytes: $0) }) {
            return result
        }
        return Array(value.utf8).withUnsafeBufferPointer { isWellFormed(bytes: $0) }
    }

    private static func isWellFormed(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard schemeLength(bytes) != nil else { return false }
        var fragments = 0
        let table = forbiddenTable
        for byte in bytes where table[Int(byte)] != 0 {
            if byte != UInt8(ascii: "#") { return false }
            fragments += 1
            if fragments > 1 { return false }
        }
        return true
    }

    /// `forbiddenLow` and `forbiddenHigh` as a table of 256 bytes (1 = forbidden or `#`), one load per byte.
    // (Written once before any use, then only read: safe to share between threads.)
    nonisolated(unsafe) private static let forbiddenTable: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for byte in 0..<256 {
            let word: UInt64 = byte < 64 ? forbiddenLow : forbiddenHigh
            table[byte] = byte < 128 && (word >> UInt64(byte & 63)) & 1 != 0 ? 1 : 0
        }
        return UnsafePointer(table)
    }()

    /// The ASCII characters an IRI may not contain — controls, space, `"<>\^`, backquote, `{|}`, DEL — plus `#`,
    /// which may occur once. Bit n of `forbiddenLow` stands for byte n (0-63), of `forbiddenHigh` for 64 + n.
    private static let forbiddenLow: UInt64 = 0x5000_000d_ffff_ffff
    private static let forbiddenHigh: UInt64 = 0xb800_0001_5000_0000

    /// Resolves `reference` against `base` (RFC 3986 §5.2.2, strict: a scheme in the reference wins). Only the
    /// basic algorithm is used; no syntax- or scheme-based normalization is performed.
    static func resolve(_ reference: String, against base: String) -> String {
        let ref = Parts(Array(reference.utf8))
        if ref.scheme != nil {
            return reference.hasDotSegments ? ref.composed(path: removeDotSegments(ref.path)) : reference
        }
        let baseParts = Parts(Array(base.utf8))
        var target = Parts()
        target.scheme = baseParts.scheme
        target.fragment = ref.fragment
        if ref.authority != nil {
            target.authority = ref.authority
            target.path = removeDotSegments(ref.path)
            target.query = ref.query
        } else {
            target.authority = baseParts.authority
            if ref.path.isEmpty {
                target.path = baseParts.path
                target.query = ref.query ?? baseParts.query
            } else {
                if ref.path.first == UInt8(ascii: "/") {
                    target.path = removeDotSegments(ref.path)
                } else {
                    target.path = removeDotSegments(merge(base: baseParts, path: ref.path))
                }
                target.query = ref.query
            }
        }
        return target.composed(path: target.path)
    }

    /// RFC 3986 §5.2.3: merges a relative-path reference with the base path.
    private static func merge(base: Parts, path: [UInt8]) -> [UInt8] {
        if base.authority != nil && base.path.isEmpty {
            return [UInt8(ascii: "/")] + path
        }
        guard let slash = base.path.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return Array(base.path[...slash]) + path
    }

    /// RFC 3986 §5.2.4: interprets and removes the special "." and ".." complete path segments.
    static func removeDotSegments(_ path: [UInt8]) -> [UInt8] {
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        var input = path
        var position = 0
        var output: [UInt8] = []
        output.reserveCapacity(path.count)

        func remaining(_ pattern: [UInt8]) -> Bool {
            guard input.count - position >= pattern.count else { return false }
            for offset in 0..<pattern.count where input[position + offset] != pattern[offset] {
                return false
            }
            return true
        }
        func removeLastSegment() {
            if let last = output.lastIndex(of: slash) {
                output.removeSubrange(last...)
            } else {
                output.removeAll()
            }
        }

        while position < input.count {
            let rest = input.count - position
            if remaining([dot, dot, slash]) {
                position += 3
            } else if remaining([dot, slash]) {
                position += 2
            } else if remaining([slash, dot, slash]) {
                position += 2
            } else if rest == 2 && remaining([slash, dot]) {
                position += 1
                input[position] = slash
            } else if remaining([slash, dot, dot, slash]) {
                position += 3
                removeLastSegment()
            } else if rest == 3 && remaining([slash, dot, dot]) {
                position += 2
                input[position] = slash
                removeLastSegment()
            } else if (rest == 1 && input[position] == dot) || (rest == 2 && remaining([dot, dot])) {
                position = input.count
            } else {
                var end = position
                if input[end] == slash { end += 1 }
                while end < input.count && input[end] != slash { end += 1 }
                output.append(contentsOf: input[position..<end])
                position = end
            }
        }
        return output
    }

    /// The five components of a URI reference (RFC 3986 appendix B), as bytes.
    private struct Parts {
        var scheme: [UInt8]?
        var authority: [UInt8]?
        var path: [UInt8] = []
        var query: [UInt8]?
        var fragment: [UInt8]?

        init() {}

        init(_ bytes: [UInt8]) {
            var index = 0
            if let length = IRI.schemeLength(bytes) {
                scheme = Array(bytes[0..<length])
                index = length + 1
            }
            if bytes.count - index >= 2 && bytes[index] == UInt8(ascii: "/") && bytes[index + 1] == UInt8(ascii: "/") {
                var end = index + 2
                while end < bytes.count, !Self.endsAuthority(bytes[end]) { end += 1 }
                authority = Array(bytes[(index + 2)..<end])
                index = end
            }
            var end = index
            while end < bytes.count && bytes[end] != UInt8(ascii: "?") && bytes[end] != UInt8(ascii: "#") { end += 1 }
            path = Array(bytes[index..<end])
            index = end
            if index < bytes.count && bytes[index] == UInt8(ascii: "?") {
                end = index + 1
                while end < bytes.count && bytes[end] != UInt8(ascii: "#") { end += 1 }
                query = Array(bytes[(index + 1)..<end])
                index = end
            }
            if index < bytes.count && bytes[index] == UInt8(ascii: "#") {
                fragment = Array(bytes[(index + 1)...])
            }
        }

        static func endsAuthority(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
        }

        /// RFC 3986 §5.3: recomposes the components, with `path` as the path.
        func composed(path: [UInt8]) -> String {
            var out: [UInt8] = []
            out.reserveCapacity(
                (scheme?.count ?? 0) + (authority?.count ?? 0) + path.count + (query?.count ?? 0)
                    + (fragment?.count ?? 0) + 6)
            if let scheme {
                out.append(contentsOf: scheme)
                out.append(UInt8(ascii: ":"))
            }
            if let authority {
                out.append(UInt8(ascii: "/"))
                out.append(UInt8(ascii: "/"))
                out.append(contentsOf: authority)
            }
            out.append(contentsOf: path)
            if let query {
                out.append(UInt8(ascii: "?"))
                out.append(contentsOf: query)
            }
            if let fragment {
                out.append(UInt8(ascii: "#"))
                out.append(contentsOf: fragment)
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    static func isAlpha(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }

    /// True when the last character is one of RFC 3986's gen-delims (`:/?#[]@`).
    static func endsWithGenDelim(_ value: String) -> Bool {
        guard let last = value.utf8.last else { return false }
        switch last {
        case UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "@"):
            return true
        default:
            return false
        }
    }

    /// True for a well-formed BCP 47 language tag in the simple form JSON-LD checks:
    /// `1*8ALPHA *("-" 1*8(ALPHA / DIGIT))`.
    static func isWellFormedLanguageTag(_ tag: String) -> Bool {
        var subtagLength = 0
        var first = true
        for byte in tag.utf8 {
            if byte == UInt8(ascii: "-") {
                if subtagLength == 0 { return false }
                subtagLength = 0
                first = false
                continue
            }
            guard isAlpha(byte) || (!first && isDigit(byte)) else { return false }
            subtagLength += 1
            if subtagLength > 8 { return false }
        }
        return subtagLength > 0
    }
}

extension String {
    /// True when the string contains a `.` segment marker that dot-segment removal could change.
    fileprivate var hasDotSegments: Bool {
        var previous: UInt8 = UInt8(ascii: "/")
        for byte in utf8 {
            if byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { return false }
            if byte == UInt8(ascii: ".") && previous == UInt8(ascii: "/") { return true }
            previous = byte
        }
        return false
    }
}
