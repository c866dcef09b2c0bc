/// A sender or recipient as a header names it: an address, and a display name when one was given.
struct Mailbox {
    let name: String?
    let address: String

    /// Reads `text` as `address` or `Name <address>` (the name may be in double quotes). `header` names the
    /// header in errors.
    init(parsing text: String, header: String) throws(MailError) {
        try MIME.checkSingleLine(text, header: header)
        let trimmed = String(text.trimmingWhitespace)
        var name: String? = nil
        var address = trimmed
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            var phrase = String(String(trimmed[..<open]).trimmingWhitespace)
            if phrase.count >= 2 && phrase.hasPrefix("\"") && phrase.hasSuffix("\"") {
                phrase = Self.unquote(phrase.dropFirst().dropLast())
            }
            name = phrase.isEmpty ? nil : phrase
        }
        guard Recipient.isEmail(address), address.unicodeScalars.allSatisfy({ $0.isASCII }) else {
            if address.unicodeScalars.contains(where: { !$0.isASCII }) && Recipient.isEmail(address) {
                throw MailError(
                    "the \(header) address '\(address)' has letters outside ASCII, which mail servers may refuse; "
                        + "write its domain in its ASCII (xn--) form")
            }
            throw MailError(
                "the \(header) header '\(trimmed)' is not an email address; give one like name@example.org, "
                    + "or Name <name@example.org>")
        }
        self.name = name
        self.address = address
    }

    /// The part after the `@`, lower-cased.
    var domain: String {
        address.split(separator: "@").last.map { $0.lowercased() } ?? ""
    }

    /// The header's value: the address alone, or the name (quoted or RFC 2047 encoded as needed) and `<address>`.
    var header: String {
        guard let name else { return address }
        return MIME.phrase(name) + " <" + address + ">"
    }

    private static func unquote(_ text: Substring) -> String {
        var out = ""
        var escaped = false
        for character in text {
            if escaped || character != "\\" {
                out.append(character)
                escaped = false
            } else {
                escaped = true
            }
        }
        return out
    }
}

/// The MIME encodings the message writer uses: quoted-printable and base64 bodies (RFC 2045) and encoded words
/// in headers (RFC 2047).
enum MIME {
    static let crlf: [UInt8] = [13, 10]

    /// Separates the parts of a multipart message. `=_` cannot occur in quoted-printable or base64 text, so no
    /// encoded body can contain the boundary.
    static let boundary = "=_laurel-alternative"

    /// Refuses a header value that would end the header early (CR, LF) or holds another control character.
    static func checkSingleLine(_ value: String, header: String) throws(MailError) {
        for scalar in value.unicodeScalars {
            if scalar == "\r" || scalar == "\n" {
                throw MailError(
                    "the \(header) header holds a line break (CR or LF), which would let it add headers of its own; "
                        + "give it on one line")
            }
            if scalar != "\t" && (scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)) {
                throw MailError(
                    "the \(header) header holds a control character (U+\(hex4(scalar.value))); remove it")
            }
        }
    }

    /// A Message-ID header value, `<left@right>`, from `text` with or without its angle brackets.
    static func messageID(_ text: String) throws(MailError) -> String {
        try checkSingleLine(text, header: "Message-ID")
        var id = Substring(text)
        if id.hasPrefix("<") && id.hasSuffix(">") && id.count >= 2 { id = id.dropFirst().dropLast() }
        let parts = id.split(separator: "@", omittingEmptySubsequences: false)
        let allowed = id.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != "<" && $0 != ">" }
        guard allowed, parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw MailError(
                "the Message-ID '\(text)' is not of the form <unique-part@domain> in plain ASCII without spaces")
        }
        return "<" + id + ">"
    }

    /// Whether `text` can stand in a header as it is: printable ASCII, and nothing a reader would take for the
    /// start of an encoded word.
    static func isPlain(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } && !text.contains("=?")
    }

    /// The whole Subject header, folded at spaces when long, and as encoded words when it is not plain ASCII.
    static func subjectHeader(_ subject: String) -> String {
        let name = "Subject:"
        guard isPlain(subject) else { return name + " " + encodedWords(subject).joined(separator: "\r\n ") }
        var lines: [String] = []
        var current = name
        for word in subject.split(separator: " ", omittingEmptySubsequences: false) {
            // Fold before a space (unfolding removes only the CRLF), never leaving a line of spaces alone.
            if !word.isEmpty && current != name && current.utf8.count + 1 + word.utf8.count > 78
                && !current.allSatisfy({ $0 == " " }) {
                lines.append(current)
                current = ""
            }
            current += " " + word
        }
        lines.append(current)
        if lines.contains(where: { $0.utf8.count > 998 }) {
            return name + " " + encodedWords(subject).joined(separator: "\r\n ")
        }
        return lines.joined(separator: "\r\n")
    }

    /// A display name for From or To: as it is when it is plain words, in double quotes when it holds other
    /// ASCII punctuation, and as encoded words when it is not ASCII.
    static func phrase(_ name: String) -> String {
        guard isPlain(name) else { return encodedWords(name).joined(separator: "\r\n ") }
        let atext = "!#$%&'*+-/=?^_`{|}~ "
        let words = name.unicodeScalars.allSatisfy { isLetterOrDigit($0) || atext.unicodeScalars.contains($0) }
        if words && !name.hasPrefix(" ") && !name.hasSuffix(" ") {
            return name
        }
        var quoted = "\""
        for character in name {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    /// `text` as RFC 2047 base64 encoded words in UTF-8, each at most 64 characters long and each holding whole
    /// characters, to be joined by folding white space.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 39 {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(encodedWord(chunk)) }
        return words
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?utf-8?B?" + Base64.encode(bytes) + "?="
    }

    /// A body's transfer encoding and its encoded bytes (CRLF line ends; the last line without a line end):
    /// quoted-printable for text that is mostly ASCII, base64 for text that is mostly not.
    static func encodedBody(_ text: String) -> (encoding: String, bytes: [UInt8]) {
        let bytes = withCRLF(text)
        let others = bytes.reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) }
        if others * 3 > bytes.count {
            return ("base64", base64Lines(bytes))
        }
        return ("quoted-printable", quotedPrintable(bytes))
    }

    /// The UTF-8 of `text` with every line end (LF, CR or CRLF) written as CRLF.
    static func withCRLF(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        var afterCR = false
        for byte in text.utf8 {
            if byte == 10 {
                if !afterCR { out += crlf }
                afterCR = false
            } else if byte == 13 {
                out += crlf
                afterCR = true
            } else {
                out.append(byte)
                afterCR = false
            }
        }
        return out
    }

    /// Quoted-printable (RFC 2045 §6.7) of CRLF text: lines at most 76 characters, soft breaks (`=` CRLF) where a
    /// line is longer, and spaces or tabs before a line end encoded so that no transport can drop them.
    static func quotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var length = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 13 && index + 1 < bytes.count && bytes[index + 1] == 10 {
                out += crlf
                length = 0
                index += 2
                continue
            }
            let atLineEnd = index + 1 == bytes.count || bytes[index + 1] == 13
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || ((byte == 32 || byte == 9) && !atLineEnd)
            let width = literal ? 1 : 3
            if length + width > 75 {
                out += [UInt8(ascii: "=")] + crlf
                length = 0
            }
            if literal {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "="), digits[Int(byte >> 4)], digits[Int(byte & 15)]]
            }
            length += width
            index += 1
        }
        return out
    }

    /// Base64 in lines of 76 characters joined by CRLF.
    static func base64Lines(_ bytes: [UInt8]) -> [UInt8] {
        let encoded = Array(Base64.encode(bytes).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(encoded.count + encoded.count / 38)
        var start = 0
        while start < encoded.count {
            if start > 0 { out += crlf }
            let end = min(start + 76, encoded.count)
            out += encoded[start..<end]
            start = end
        }
        return out
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
