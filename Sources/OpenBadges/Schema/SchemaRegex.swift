/// A regular expression for the JSON Schema `pattern` and `patternProperties` keywords.
///
/// JSON Schema patterns are ECMA-262 regular expressions, matched anywhere in the string unless anchored. This
/// type supports the part of that dialect schemas use — literals, `.`, classes `[...]` with ranges, the escapes
/// `\d \D \w \W \s \S \b \B \t \n \r \v \f \0 \xHH \uHHHH \u{H…} \cX` and escaped punctuation, groups
/// `(...)`, `(?:...)`, `(?<name>...)`, alternation, the quantifiers `* + ? {n} {n,} {n,m}` (greedy or lazy)
/// and the anchors `^ $` — and rejects the rest (back-references, look-around, Unicode property escapes) with
/// a `SchemaRegexError` rather than guessing.
///
/// Matching runs a Thompson automaton over the string's Unicode scalars: time is linear in the length of the
/// string for a given pattern, so no input can make it backtrack catastrophically.
struct SchemaRegex: Sendable {
    /// The pattern as written in the schema.
    let source: String
    private let program: [Instruction]
    private let sets: [ScalarSet]
    /// True when every match must start at the beginning of the string (the pattern starts with `^`).
    private let anchoredAtStart: Bool

    /// The largest compiled program accepted (counted repetitions are expanded).
    static let maxProgramSize = 20_000

    init(_ pattern: String) throws(SchemaRegexError) {
        source = pattern
        var parser = RegexParser(scalars: Array(pattern.unicodeScalars))
        let tree = try parser.parse()
        var compiler = RegexCompiler()
        try compiler.emit(tree)
        compiler.append(.match)
        program = compiler.program
        sets = compiler.sets
        anchoredAtStart = tree.startsWithAnchor
    }

    /// True when the pattern matches somewhere in `text` (ECMAScript `RegExp.prototype.test` semantics).
    func matches(_ text: String) -> Bool {
        var current = ThreadList(capacity: program.count)
        var next = ThreadList(capacity: program.count)
        var stack: [Int] = []
        stack.reserveCapacity(8)
        var previous: Unicode.Scalar? = nil
        var iterator = text.unicodeScalars.makeIterator()
        var upcoming = iterator.next()
        var atStart = true
        while true {
            if atStart || !anchoredAtStart {
                if addThread(0, to: &current, previous: previous, next: upcoming, atStart: atStart, stack: &stack) {
                    return true
                }
            }
            guard let scalar = upcoming else { return false }
            if current.isEmpty && anchoredAtStart { return false }
            let following = iterator.next()
            for slot in 0..<current.count {
                let pc = current.member(at: slot)
                guard case .consume(let setIndex) = program[pc], sets[setIndex].contains(scalar.value) else {
                    continue
                }
                if addThread(pc + 1, to: &next, previous: scalar, next: following, atStart: false, stack: &stack) {
                    return true
                }
            }
            swap(&current, &next)
            next.removeAll()
            previous = scalar
            upcoming = following
            atStart = false
        }
    }

    /// Adds `start` and everything reachable from it without consuming a scalar; true when a match is reached.
    private func addThread(
        _ start: Int, to list: inout ThreadList, previous: Unicode.Scalar?, next: Unicode.Scalar?, atStart: Bool,
        stack: inout [Int]
    ) -> Bool {
        stack.removeAll(keepingCapacity: true)
        stack.append(start)
        while let pc = stack.popLast() {
            if list.contains(pc) { continue }
            list.insert(pc)
            switch program[pc] {
            case .match:
                return true
            case .consume:
                continue
            case .jump(let target):
                stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .assertStart:
                if atStart { stack.append(pc + 1) }
            case .assertEnd:
                if next == nil { stack.append(pc + 1) }
            case .wordBoundary(let wanted):
                let before = previous.map { ScalarSet.isWordScalar($0.value) } ?? false
                let after = next.map { ScalarSet.isWordScalar($0.value) } ?? false
                if (before != after) == wanted { stack.append(pc + 1) }
            }
        }
        return false
    }
}

/// Why a pattern could not be compiled.
struct SchemaRegexError: Error, Sendable, Hashable {
    var reason: String
}

// MARK: - Program

private enum Instruction: Sendable {
    case consume(Int)
    case split(Int, Int)
    case jump(Int)
    case assertStart
    case assertEnd
    case wordBoundary(Bool)
    case match
}

/// A set of program counters with O(1) insert, membership and clear (Briggs–Torczon sparse set), in one
/// allocation: the dense list in the first half of `storage`, the sparse index in the second.
private struct ThreadList {
    private var storage: [Int]
    private let capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        storage = Array(repeating: 0, count: 2 * capacity)
    }

    var isEmpty: Bool { count == 0 }

    func member(at slot: Int) -> Int { storage[slot] }

    func contains(_ value: Int) -> Bool {
        let slot = storage[capacity + value]
        return slot < count && storage[slot] == value
    }

    mutating func insert(_ value: Int) {
        storage[count] = value
        storage[capacity + value] = count
        count += 1
    }

    mutating func removeAll() {
        count = 0
    }
}

/// A set of Unicode scalar values as sorted, non-overlapping ranges, with a bitmap for ASCII.
struct ScalarSet: Sendable, Hashable {
    private(set) var ranges: [ClosedRange<UInt32>]
    private var asciiLow: UInt64 = 0
    private var asciiHigh: UInt64 = 0

    static let maxScalar: UInt32 = 0x10FFFF

    init(ranges input: [ClosedRange<UInt32>]) {
        let sorted = input.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        for range in sorted {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        ranges = merged
        for range in merged where range.lowerBound < 128 {
            for value in range.lowerBound...min(range.upperBound, 127) {
                if value < 64 { asciiLow |= 1 << UInt64(value) } else { asciiHigh |= 1 << UInt64(value - 64) }
            }
        }
    }

    init(scalar: UInt32) {
        self.init(ranges: [scalar...scalar])
    }

    func contains(_ value: UInt32) -> Bool {
        if value < 64 { return asciiLow & (1 << UInt64(value)) != 0 }
        if value < 128 { return asciiHigh & (1 << UInt64(value - 64)) != 0 }
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = ranges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    /// Every scalar not in this set.
    var complement: ScalarSet {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            next = range.upperBound + 1
        }
        if next <= Self.maxScalar { result.append(next...Self.maxScalar) }
        return ScalarSet(ranges: result)
    }

    static let digits = ScalarSet(ranges: [48...57])
    static let word = ScalarSet(ranges: [48...57, 65...90, 95...95, 97...122])
    /// ECMAScript `\s`: WhiteSpace and LineTerminator.
    static let space = ScalarSet(ranges: [
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029,
        0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ])
    /// ECMAScript `.` without the `s` flag: anything but a line terminator.
    static let dot = ScalarSet(ranges: [0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029]).complement

    static func isWordScalar(_ value: UInt32) -> Bool {
        (value >= 48 && value <= 57) || (value >= 65 && value <= 90) || value == 95 || (value >= 97 && value <= 122)
    }
}

// MARK: - Syntax tree

private indirect enum RegexNode {
    case set(ScalarSet)
    case startAnchor
    case endAnchor
    case wordBoundary(Bool)
    case sequence([RegexNode])
    case alternation([RegexNode])
    case repetition(RegexNode, min: Int, max: Int?)

    var startsWithAnchor: Bool {
        switch self {
        case .startAnchor: true
        case .sequence(let items): items.first?.startsWithAnchor ?? false
        case .alternation(let branches): !branches.isEmpty && branches.allSatisfy(\.startsWithAnchor)
        default: false
        }
    }

    /// Instructions this node compiles to, saturating at `Int.max / 4` so huge counts cannot overflow.
    var programSize: Int {
        let cap = Int.max / 4
        switch self {
        case .set, .startAnchor, .endAnchor, .wordBoundary:
            return 1
        case .sequence(let items):
            return items.reduce(0) { min(cap, $0 + $1.programSize) }
        case .alternation(let branches):
            return branches.reduce(0) { min(cap, $0 + $1.programSize + 2) }
        case .repetition(let node, let low, let high):
            let copies = high ?? (low + 1)
            let body = node.programSize + 2
            return body > cap / max(copies, 1) ? cap : body * copies
        }
    }
}

// MARK: - Parser

private struct RegexParser {
    let scalars: [Unicode.Scalar]
    var position = 0
    var depth = 0

    static let maxDepth = 64
    static let maxCount = 100_000

    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    mutating func parse() throws(SchemaRegexError) -> RegexNode {
        let node = try parseDisjunction()
        if position < scalars.count {
            throw fail("unbalanced ')'")
        }
        return node
    }

    private func fail(_ what: String) -> SchemaRegexError {
        SchemaRegexError(reason: "\(what) at position \(position) of the pattern")
    }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    private mutating func parseDisjunction() throws(SchemaRegexError) -> RegexNode {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth { throw fail("groups nested too deeply") }
        var branches = [try parseAlternative()]
        while current == "|" {
            position += 1
            branches.append(try parseAlternative())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseAlternative() throws(SchemaRegexError) -> RegexNode {
        var items: [RegexNode] = []
        while let scalar = current, scalar != "|", scalar != ")" {
            let atom: RegexNode
            var quantifiable = true
            switch scalar {
            case "^":
                position += 1
                atom = .startAnchor
                quantifiable = false
            case "$":
                position += 1
                atom = .endAnchor
                quantifiable = false
            case "(":
                atom = try parseGroup()
            case "[":
                atom = .set(try parseClass())
            case ".":
                position += 1
                atom = .set(.dot)
            case "\\":
                if peek(1) == "b" || peek(1) == "B" {
                    atom = .wordBoundary(peek(1) == "b")
                    position += 2
                    quantifiable = false
                } else {
                    position += 1
                    atom = .set(try parseEscape(inClass: false))
                }
            case "*", "+", "?":
                throw fail("nothing to repeat before '\(scalar)'")
            case "{":
                if quantifierAhead() { throw fail("nothing to repeat before '{'") }
                position += 1
                atom = .set(ScalarSet(scalar: scalar.value))
            default:
                position += 1
                atom = .set(ScalarSet(scalar: scalar.value))
            }
            if let (low, high) = try parseQuantifier() {
                if !quantifiable { throw fail("an anchor or assertion cannot be repeated") }
                items.append(.repetition(atom, min: low, max: high))
            } else {
                items.append(atom)
            }
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    private mutating func parseGroup() throws(SchemaRegexError) -> RegexNode {
        position += 1  // "("
        if current == "?" {
            switch peek(1) {
            case ":":
                position += 2
            case "=", "!":
                throw fail("look-ahead assertions are not supported")
            case "<":
                if peek(2) == "=" || peek(2) == "!" { throw fail("look-behind assertions are not supported") }
                position += 2
                while let scalar = current, scalar != ">" {
                    guard ScalarSet.isWordScalar(scalar.value) || scalar == "$" else {
                        throw fail("invalid group name")
                    }
                    position += 1
                }
                guard current == ">" else { throw fail("unterminated group name") }
                position += 1
            default:
                throw fail("invalid group syntax '(?'")
            }
        }
        let inner = try parseDisjunction()
        guard current == ")" else { throw fail("missing ')'") }
        position += 1
        return inner
    }

    /// True when the text at the current position is a `{n}`, `{n,}` or `{n,m}` quantifier.
    private func quantifierAhead() -> Bool {
        var probe = position
        guard probe < scalars.count, scalars[probe] == "{" else { return false }
        probe += 1
        var digits = 0
        while probe < scalars.count, ScalarSet.digits.contains(scalars[probe].value) { probe += 1; digits += 1 }
        guard digits > 0, probe < scalars.count else { return false }
        if scalars[probe] == "," {
            probe += 1
            while probe < scalars.count, ScalarSet.digits.contains(scalars[probe].value) { probe += 1 }
        }
        return probe < scalars.count && scalars[probe] == "}"
    }

    private mutating func parseQuantifier() throws(SchemaRegexError) -> (Int, Int?)? {
        guard let scalar = current else { return nil }
        var result: (Int, Int?)
        switch scalar {
        case "*":
            position += 1
            result = (0, nil)
        case "+":
            position += 1
            result = (1, nil)
        case "?":
            position += 1
            result = (0, 1)
        case "{":
            guard quantifierAhead() else { return nil }
            position += 1
            let low = try parseCount()
            var high: Int? = low
            if current == "," {
                position += 1
                high = current == "}" ? nil : try parseCount()
            }
            position += 1  // "}"
            if let high, high < low { throw fail("quantifier range out of order") }
            result = (low, high)
        default:
            return nil
        }
        if current == "?" { position += 1 }  // lazy: same language, and only a yes/no answer is wanted
        return result
    }

    private mutating func parseCount() throws(SchemaRegexError) -> Int {
        var value = 0
        while let scalar = current, ScalarSet.digits.contains(scalar.value) {
            value = value * 10 + Int(scalar.value - 48)
            if value > Self.maxCount { throw fail("repetition count larger than \(Self.maxCount)") }
            position += 1
        }
        return value
    }

    private mutating func parseClass() throws(SchemaRegexError) -> ScalarSet {
        position += 1  // "["
        var negated = false
        if current == "^" {
            negated = true
            position += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        while true {
            guard let scalar = current else { throw fail("missing ']'") }
            if scalar == "]" {
                position += 1
                break
            }
            let first = try parseClassAtom()
            if current == "-", let after = peek(1), after != "]", case .single(let low) = first {
                position += 1
                let second = try parseClassAtom()
                guard case .single(let high) = second else {
                    // A set such as `\d` cannot end a range: the '-' is literal (ECMAScript Annex B).
                    ranges.append(low...low)
                    ranges.append(45...45)
                    if case .set(let set) = second { ranges.append(contentsOf: set.ranges) }
                    continue
                }
                guard low <= high else { throw fail("character class range out of order") }
                ranges.append(low...high)
            } else {
                switch first {
                case .single(let value): ranges.append(value...value)
                case .set(let set): ranges.append(contentsOf: set.ranges)
                }
            }
        }
        let set = ScalarSet(ranges: ranges)
        return negated ? set.complement : set
    }

    private enum ClassAtom {
        case single(UInt32)
        case set(ScalarSet)
    }

    private mutating func parseClassAtom() throws(SchemaRegexError) -> ClassAtom {
        guard let scalar = current else { throw fail("missing ']'") }
        position += 1
        guard scalar == "\\" else { return .single(scalar.value) }
        if current == "b" {
            position += 1
            return .single(0x08)
        }
        if current == "-" {
            position += 1
            return .single(45)
        }
        let set = try parseEscape(inClass: true)
        if set.ranges.count == 1, let only = set.ranges.first, only.lowerBound == only.upperBound {
            return .single(only.lowerBound)
        }
        return .set(set)
    }

    /// Parses what follows a backslash (already consumed).
    private mutating func parseEscape(inClass: Bool) throws(SchemaRegexError) -> ScalarSet {
        guard let scalar = current else { throw fail("pattern ends with '\\'") }
        position += 1
        switch scalar {
        case "d": return .digits
        case "D": return ScalarSet.digits.complement
        case "w": return .word
        case "W": return ScalarSet.word.complement
        case "s": return .space
        case "S": return ScalarSet.space.complement
        case "t": return ScalarSet(scalar: 0x09)
        case "n": return ScalarSet(scalar: 0x0A)
        case "v": return ScalarSet(scalar: 0x0B)
        case "f": return ScalarSet(scalar: 0x0C)
        case "r": return ScalarSet(scalar: 0x0D)
        case "0":
            if let next = current, ScalarSet.digits.contains(next.value) {
                throw fail("octal escapes are not supported")
            }
            return ScalarSet(scalar: 0)
        case "1"..."9":
            throw fail("back-references are not supported")
        case "k":
            throw fail("named back-references are not supported")
        case "p", "P":
            throw fail("Unicode property escapes are not supported")
        case "c":
            guard let letter = current, (65...90).contains(letter.value) || (97...122).contains(letter.value) else {
                throw fail("'\\c' must be followed by a letter")
            }
            position += 1
            return ScalarSet(scalar: letter.value % 32)
        case "x":
            return ScalarSet(scalar: try parseHex(count: 2))
        case "u":
            if current == "{" {
                position += 1
                var value: UInt32 = 0
                var digits = 0
                while let next = current, next != "}" {
                    guard let digit = Self.hexValue(next) else { throw fail("invalid '\\u{…}' escape") }
                    value = value * 16 + digit
                    digits += 1
                    if value > ScalarSet.maxScalar { throw fail("'\\u{…}' escape beyond U+10FFFF") }
                    position += 1
                }
                guard current == "}", digits > 0 else { throw fail("invalid '\\u{…}' escape") }
                position += 1
                return ScalarSet(scalar: value)
            }
            let value = try parseHex(count: 4)
            // A surrogate pair written as two escapes stands for one scalar.
            if (0xD800...0xDBFF).contains(value), current == "\\", peek(1) == "u" {
                let saved = position
                position += 2
                if let low = try? parseHex(count: 4), (0xDC00...0xDFFF).contains(low) {
                    return ScalarSet(scalar: 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00))
                }
                position = saved
            }
            return ScalarSet(scalar: value)
        default:
            // Identity escape: `\.`, `\/`, `\-`, `\\` and the like stand for the character itself.
            return ScalarSet(scalar: scalar.value)
        }
    }

    private mutating func parseHex(count: Int) throws(SchemaRegexError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let scalar = current, let digit = Self.hexValue(scalar) else {
                throw fail("expected \(count) hexadecimal digits")
            }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar.value {
        case 48...57: scalar.value - 48
        case 65...70: scalar.value - 55
        case 97...102: scalar.value - 87
        default: nil
        }
    }
}

// MARK: - Compiler

private struct RegexCompiler {
    var program: [Instruction] = []
    var sets: [ScalarSet] = []
    private var setIndex: [ScalarSet: Int] = [:]

    mutating func append(_ instruction: Instruction) {
        program.append(instruction)
    }

    mutating func emit(_ node: RegexNode) throws(SchemaRegexError) {
        if node.programSize > SchemaRegex.maxProgramSize {
            throw SchemaRegexError(
                reason: "the pattern is too complex (more than \(SchemaRegex.maxProgramSize) steps once expanded)")
        }
        emitChecked(node)
    }

    private mutating func emitChecked(_ node: RegexNode) {
        switch node {
        case .set(let set):
            let index: Int
            if let known = setIndex[set] {
                index = known
            } else {
                index = sets.count
                sets.append(set)
                setIndex[set] = index
            }
            program.append(.consume(index))
        case .startAnchor:
            program.append(.assertStart)
        case .endAnchor:
            program.append(.assertEnd)
        case .wordBoundary(let wanted):
            program.append(.wordBoundary(wanted))
        case .sequence(let items):
            for item in items { emitChecked(item) }
        case .alternation(let branches):
            // split L1, next; L1: branch; jump end; next: split L2, ... ; last branch; end:
            var jumps: [Int] = []
            for (offset, branch) in branches.enumerated() {
                if offset < branches.count - 1 {
                    let split = program.count
                    program.append(.split(split + 1, -1))
                    emitChecked(branch)
                    jumps.append(program.count)
                    program.append(.jump(-1))
                    program[split] = .split(split + 1, program.count)
                } else {
                    emitChecked(branch)
                }
            }
            for jump in jumps { program[jump] = .jump(program.count) }
        case .repetition(let inner, let low, let high):
            for _ in 0..<low { emitChecked(inner) }
            if let high {
                var splits: [Int] = []
                for _ in low..<high {
                    splits.append(program.count)
                    program.append(.split(program.count + 1, -1))
                    emitChecked(inner)
                }
                for split in splits { program[split] = .split(split + 1, program.count) }
            } else {
                let loop = program.count
                program.append(.split(loop + 1, -1))
                emitChecked(inner)
                program.append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
    }
}
