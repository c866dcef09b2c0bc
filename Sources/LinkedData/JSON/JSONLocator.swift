/// Finds where a member or element sits in JSON text, so messages about a field can name its line.
///
/// The path is a list of member names and array indexes (`["rubric", 1, "levels"]`). The text is expected to be
/// JSON that already parsed; on anything unexpected the locator gives up and returns `nil`.
public enum JSONLocator {
    public enum Component: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        case member(String)
        case index(Int)

        public init(stringLiteral value: String) { self = .member(value) }
        public init(integerLiteral value: Int) { self = .index(value) }
    }

    /// The 1-based line where the value at `path` starts (for a member, the line of its name).
    public static func line(of path: [Component], in bytes: [UInt8]) -> Int? {
        var scanner = Scanner(bytes: bytes)
        scanner.skipWhitespace()
        var memberStart = scanner.position
        for component in path {
            switch component {
            case .member(let name):
                guard scanner.peek() == UInt8(ascii: "{") else { return nil }
                scanner.position += 1
                members: while true {
                    scanner.skipWhitespace()
                    guard scanner.peek() == UInt8(ascii: "\"") else { return nil }
                    let keyStart = scanner.position
                    guard let key = scanner.readString() else { return nil }
                    scanner.skipWhitespace()
                    guard scanner.peek() == UInt8(ascii: ":") else { return nil }
                    scanner.position += 1
                    scanner.skipWhitespace()
                    if key == name {
                        memberStart = keyStart
                        break members
                    }
                    guard scanner.skipValue() else { return nil }
                    scanner.skipWhitespace()
                    guard scanner.peek() == UInt8(ascii: ",") else { return nil }
                    scanner.position += 1
                }
            case .index(let target):
                guard scanner.peek() == UInt8(ascii: "[") else { return nil }
                scanner.position += 1
                for _ in 0..<target {
                    scanner.skipWhitespace()
                    guard scanner.skipValue() else { return nil }
                    scanner.skipWhitespace()
                    guard scanner.peek() == UInt8(ascii: ",") else { return nil }
                    scanner.position += 1
                }
                scanner.skipWhitespace()
                memberStart = scanner.position
            }
        }
        var line = 1
        for index in 0..<min(memberStart, bytes.count) where bytes[index] == 0x0A {
            line += 1
        }
        return line
    }

    private struct Scanner {
        let bytes: [UInt8]
        var position = 0

        func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipWhitespace() {
            while let c = peek(), c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { position += 1 }
        }

        mutating func readString() -> String? {
            let start = position
            guard skipString() else { return nil }
            let raw = Array(bytes[start..<position])
            return (try? JSONParser().parse(raw))?.stringValue
        }

        mutating func skipString() -> Bool {
            position += 1
            while let c = peek() {
                position += 1
                if c == UInt8(ascii: "\\") {
                    position += 1
                } else if c == UInt8(ascii: "\"") {
                    return true
                }
            }
            return false
        }

        /// Skips one value; nesting is tracked with a counter, not recursion.
        mutating func skipValue() -> Bool {
            var depth = 0
            repeat {
                skipWhitespace()
                guard let c = peek() else { return false }
                switch c {
                case UInt8(ascii: "\""):
                    guard skipString() else { return false }
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                    position += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    position += 1
                default:
                    while let d = peek(), d != UInt8(ascii: ","), d != UInt8(ascii: "}"), d != UInt8(ascii: "]"),
                        d != 0x20, d != 0x0A, d != 0x0D, d != 0x09
                    {
                        position += 1
                    }
                }
                if depth > 0 {
                    skipWhitespace()
                    if peek() == UInt8(ascii: ",") || peek() == UInt8(ascii: ":") { position += 1 }
                }
            } while depth > 0
            return true
        }
    }
}
