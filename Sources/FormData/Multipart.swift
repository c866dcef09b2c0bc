/// One part of a `multipart/form-data` body (RFC 7578): the form field's name, the file name when the part is an
/// upload, its declared content type and its bytes.
public struct FormPart: Sendable {
    public var name: String
    public var fileName: String?
    public var contentType: String?
    public var body: [UInt8]
}

/// Why a form body could not be read.
public struct FormError: Error, Sendable {
    public var reason: String
}

/// A small, strict `multipart/form-data` reader: bounded part count, no nesting, CRLF line ends.
public enum MultipartForm {
    /// The most parts a body may have; a body with more is refused.
    public static let maxParts = 16

    /// The boundary parameter of a `multipart/form-data` content type, when present and well-formed.
    public static func boundary(fromContentType contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpaces.lowercased() == "boundary" else { continue }
            var value = pair[1].trimmingSpaces
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            guard !value.isEmpty, value.utf8.count <= 70 else { return nil }
            return value
        }
        return nil
    }

    /// Splits `body` into its parts; more than `maxParts` parts is an error.
    public static func parse(
        _ body: [UInt8], boundary: String, maxParts: Int = MultipartForm.maxParts
    ) throws(FormError) -> [FormPart] {
        let delimiter = Array(("--" + boundary).utf8)
        guard var position = find(delimiter, in: body, from: 0) else {
            throw FormError(reason: "the form body does not contain its boundary")
        }
        var parts: [FormPart] = []
        while true {
            position += delimiter.count
            // "--" after a delimiter closes the body.
            if position + 1 < body.count, body[position] == 0x2D, body[position + 1] == 0x2D { break }
            guard position + 1 < body.count, body[position] == 0x0D, body[position + 1] == 0x0A else {
                throw FormError(reason: "the form body is cut short or malformed after a boundary")
            }
            position += 2
            guard let headerEnd = find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: position) else {
                throw FormError(reason: "a form part has no end to its headers")
            }
            let headers = String(decoding: body[position..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let next = find([0x0D, 0x0A] + delimiter, in: body, from: contentStart) else {
                throw FormError(reason: "a form part is not closed by the boundary")
            }
            var part = FormPart(name: "", fileName: nil, contentType: nil, body: Array(body[contentStart..<next]))
            for line in headers.split(separator: "\r\n") {
                let pair = line.split(separator: ":", maxSplits: 1)
                guard pair.count == 2 else { continue }
                let field = pair[0].trimmingSpaces.lowercased()
                let value = pair[1].trimmingSpaces
                if field == "content-disposition" {
                    part.name = parameter("name", in: value) ?? ""
                    part.fileName = parameter("filename", in: value)
                } else if field == "content-type" {
                    part.contentType = value.lowercased()
                }
            }
            parts.append(part)
            guard parts.count <= maxParts else {
                throw FormError(reason: "the form has more than \(maxParts) parts")
            }
            position = next + 2
        }
        return parts
    }

    /// Decodes an `application/x-www-form-urlencoded` body.
    public static func parseURLEncoded(_ body: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: 0x26) {
            let halves = pair.split(separator: 0x3D, maxSplits: 1, omittingEmptySubsequences: false)
            let key = percentDecode(halves[0])
            fields[key] = halves.count > 1 ? percentDecode(halves[1]) : ""
        }
        return fields
    }

    static func percentDecode(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x2B {
                out.append(0x20)
            } else if byte == 0x25, index + 2 < bytes.endIndex,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    static func parameter(_ name: String, in header: String) -> String? {
        for item in header.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpaces.lowercased() == name else { continue }
            var value = pair[1].trimmingSpaces
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    /// The first index at which `needle` occurs in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        let first = needle[0]
        var index = start
        let last = haystack.count - needle.count
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                while index <= last {
                    if hay[index] == first {
                        var matched = true
                        for offset in 1..<pin.count where hay[index + offset] != pin[offset] {
                            matched = false
                            break
                        }
                        if matched { return index }
                    }
                    index += 1
                }
                return nil
            }
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (the optional whitespace of HTTP header syntax).
    public var trimmingSpaces: String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
