internal import CQRencode

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A QR code (ISO/IEC 18004) for a piece of text, such as a badge's verification URL.
///
/// The symbol is computed by libqrencode (the only file that sees it); this type keeps a copy of the modules and
/// draws them as SVG or PNG. The text is encoded case-sensitively as UTF-8, with libqrencode choosing the most
/// compact modes (digits and upper-case letters take fewer bits), so any decoder gives back the exact text. The
/// smallest version (size) that holds the text at the chosen error correction level is used.
public struct QRCode: Sendable, Hashable {
    /// How much of the symbol may be damaged and still be read; more correction makes a larger symbol.
    public enum Correction: String, Sendable, Hashable, CaseIterable {
        /// About 7% of the symbol may be lost.
        case low
        /// About 15%: a good default for printed and on-screen codes.
        case medium
        /// About 25%.
        case quartile
        /// About 30%.
        case high

        /// The most bytes of general (8-bit) text a version 40 symbol holds at this level.
        public var maxBytes: Int {
            switch self {
            case .low: 2953
            case .medium: 2331
            case .quartile: 1663
            case .high: 1273
            }
        }
    }

    /// The text the code encodes.
    public let text: String
    /// The error correction level.
    public let correction: Correction
    /// The QR version, 1 to 40; version v is 17 + 4v modules wide.
    public let version: Int
    /// The number of modules on each side (without the quiet zone).
    public let size: Int
    /// The modules, row by row from the top: `true` is dark.
    let modules: [Bool]

    /// Computes the QR code for `text`. Throws when the text is empty, too long for any QR version at this
    /// correction level, or when libqrencode fails for another reason (which the error names).
    public init(text: String, correction: Correction = .medium) throws(QRCodeError) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else {
            throw QRCodeError(.emptyText, "there is no text to put in the QR code")
        }
        let tooLong = QRCodeError(
            .textTooLong,
            "the text is \(bytes.count) bytes, too long for a QR code with \(correction.rawValue) error correction "
                + "(at most \(correction.maxBytes) bytes of general text; less correction or shorter text fits)")
        guard bytes.count <= Correction.low.maxBytes * 3 else { throw tooLong }
        let level: QRecLevel
        switch correction {
        case .low: level = QR_ECLEVEL_L
        case .medium: level = QR_ECLEVEL_M
        case .quartile: level = QR_ECLEVEL_Q
        case .high: level = QR_ECLEVEL_H
        }
        errno = 0
        let symbol: UnsafeMutablePointer<CQRencode.QRcode>?
        if bytes.contains(0) {
            // libqrencode's string functions stop at NUL; text holding one goes in as plain bytes.
            symbol = bytes.withUnsafeBufferPointer { QRcode_encodeData(Int32($0.count), $0.baseAddress, 0, level) }
        } else {
            // Version 0 asks for the smallest version that fits; QR_MODE_8 with case sensitivity keeps the text exact.
            symbol = QRcode_encodeString(text, 0, level, QR_MODE_8, 1)
        }
        guard let symbol else {
            let code = errno
            if code == ERANGE { throw tooLong }
            let reason = code == ENOMEM ? "out of memory" : code == EINVAL ? "invalid input" : "error \(code)"
            throw QRCodeError(.encoderFailed, "libqrencode could not encode the text (\(reason))")
        }
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        guard width >= 21, width <= 177, let data = symbol.pointee.data else {
            throw QRCodeError(.encoderFailed, "libqrencode returned a symbol \(width) modules wide, which is not valid")
        }
        var modules = [Bool](repeating: false, count: width * width)
        for index in 0..<(width * width) {
            // Bit 0 of each byte is the module's colour (1 is dark); the other bits say what the module is part of.
            modules[index] = data[index] & 1 == 1
        }
        self.text = text
        self.correction = correction
        self.version = Int(symbol.pointee.version)
        self.size = width
        self.modules = modules
    }

    /// Whether the module in column `x`, row `y` (from the top left, 0-based) is dark; outside the symbol
    /// (the quiet zone) every module is light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }

    /// A compact SVG of the code: a white square with one black `<path>`, each row's runs of dark modules drawn
    /// as rectangles one module high, in a view box measured in modules (so it scales cleanly). `moduleSize` is
    /// the drawn size of one module in pixels (the `width` and `height`); `quietZone` is the light margin in
    /// modules (4 is what the standard asks for). It is an image (`role="img"`) whose accessible name is `label`,
    /// by default "QR code for" and the text; every string in it is XML-escaped.
    public func svg(moduleSize: Int = 8, quietZone: Int = 4, label: String? = nil) -> String {
        precondition(moduleSize >= 1 && moduleSize <= 100, "the QR module size must be 1 to 100 pixels")
        precondition(quietZone >= 0 && quietZone <= 40, "the QR quiet zone must be 0 to 40 modules")
        let span = size + 2 * quietZone
        let pixels = span * moduleSize
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                var run = 1
                while isDark(x: x + run, y: y) { run += 1 }
                path += "M\(x + quietZone) \(y + quietZone)h\(run)v1h-\(run)z"
                x += run
            }
        }
        let name = Self.attribute(label ?? "QR code for \(text)")
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(pixels)\" height=\"\(pixels)\" "
            + "viewBox=\"0 0 \(span) \(span)\" role=\"img\" aria-label=\"\(name)\" shape-rendering=\"crispEdges\">"
            + "<rect width=\"\(span)\" height=\"\(span)\" fill=\"#fff\"/>"
            + "<path fill=\"#000\" d=\"\(path)\"/></svg>"
    }

    /// A grayscale PNG of the code (1 bit per pixel: black modules on white), `moduleSize` pixels per module with
    /// a light margin of `quietZone` modules.
    public func png(moduleSize: Int = 8, quietZone: Int = 4) -> [UInt8] {
        precondition(moduleSize >= 1 && moduleSize <= 100, "the QR module size must be 1 to 100 pixels")
        precondition(quietZone >= 0 && quietZone <= 40, "the QR quiet zone must be 0 to 40 modules")
        let pixels = (size + 2 * quietZone) * moduleSize
        let rowBytes = (pixels + 7) / 8
        var raw: [UInt8] = []
        raw.reserveCapacity(pixels * (rowBytes + 1))
        for pixelY in 0..<pixels {
            // Filter type 0 (none), then the row's pixels, eight to a byte, most significant bit first; 1 is white.
            var row = [UInt8](repeating: 0xFF, count: rowBytes)
            let moduleY = pixelY / moduleSize - quietZone
            for pixelX in 0..<pixels where isDark(x: pixelX / moduleSize - quietZone, y: moduleY) {
                row[pixelX >> 3] &= ~(0x80 >> UInt8(pixelX & 7))
            }
            raw.append(0)
            raw.append(contentsOf: row)
        }
        var header: [UInt8] = []
        PNGDatastream.appendUInt32(UInt32(pixels), to: &header)
        PNGDatastream.appendUInt32(UInt32(pixels), to: &header)
        header += [1, 0, 0, 0, 0]  // bit depth 1, grayscale, deflate, adaptive filtering, no interlace
        var png = PNGDatastream.signature
        PNGDatastream.appendChunk(PNGChunk.IHDR, header, to: &png)
        PNGDatastream.appendChunk(PNGChunk.IDAT, Zlib.compress(raw), to: &png)
        PNGDatastream.appendChunk(PNGChunk.IEND, [], to: &png)
        return png
    }

    /// `text` made safe for an XML attribute: escaped, with control characters (which XML forbids) as spaces.
    static func attribute(_ text: String) -> String {
        var clean = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            clean.append(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? " " : scalar)
        }
        return DefaultBadgeImage.escape(String(clean))
    }
}

/// Why a QR code could not be made.
public struct QRCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Hashable {
        /// The text is empty.
        case emptyText
        /// The text does not fit in the largest QR code at the chosen correction level.
        case textTooLong
        /// libqrencode failed for another reason.
        case encoderFailed
    }

    public var code: Code
    /// A sentence naming what is wrong.
    public var reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }
}
