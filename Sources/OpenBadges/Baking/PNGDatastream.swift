/// One chunk of a PNG datastream, as positions into the image bytes (nothing is copied).
struct PNGChunk: Sendable, Hashable {
    /// The four type bytes as a big-endian number (`IHDR` = 0x49484452).
    var type: UInt32
    /// Offset of the chunk's length field.
    var offset: Int
    /// Length of the chunk data.
    var length: Int

    var dataStart: Int { offset + 8 }
    var dataEnd: Int { offset + 8 + length }
    /// Offset just after the chunk's CRC.
    var end: Int { offset + 12 + length }

    var typeName: String { PNGChunk.name(of: type) }

    static func code(_ name: StaticString) -> UInt32 {
        name.withUTF8Buffer { $0.reduce(0) { ($0 << 8) | UInt32($1) } }
    }

    static func name(of type: UInt32) -> String {
        let bytes = [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: type >> UInt32($0)) }
        if bytes.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        return "0x" + String(type, radix: 16, uppercase: true)
    }

    static let IHDR = code("IHDR")
    static let IEND = code("IEND")
    static let IDAT = code("IDAT")
    static let iTXt = code("iTXt")
    static let tEXt = code("tEXt")
    static let zTXt = code("zTXt")
}

/// Reads the chunk layout of a PNG datastream (PNG, third edition, §5): the signature, then chunks of
/// length (4 bytes, big-endian, at most 2^31 - 1), type (4 ASCII letters), data, and CRC-32 over type and data.
///
/// Every length is checked against the bytes that remain and against `BakingLimits.maxChunkLength` before it is
/// used; every CRC is verified; `IHDR` must come first and `IEND` last, with nothing after it. Pixel data is never
/// decoded.
enum PNGDatastream {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The largest chunk length the PNG format allows.
    static let formatMaxChunkLength = 0x7FFF_FFFF

    static func hasSignature(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 8 else { return false }
        for index in 0..<8 where bytes[index] != signature[index] {
            return false
        }
        return true
    }

    @inline(__always)
    /// Appends `value` as four big-endian bytes.
    static func appendUInt32(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in [24, 16, 8, 0] as [UInt32] { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    /// Appends a whole chunk: its length, type, `data` and the CRC-32 of type and data.
    static func appendChunk(_ type: UInt32, _ data: [UInt8], to bytes: inout [UInt8]) {
        appendUInt32(UInt32(data.count), to: &bytes)
        let typeStart = bytes.count
        appendUInt32(type, to: &bytes)
        bytes.append(contentsOf: data)
        let crc = bytes.withUnsafeBytes { raw in
            CRC32.finalize(CRC32.update(CRC32.initial, UnsafeRawBufferPointer(rebasing: raw[typeStart...])))
        }
        appendUInt32(crc, to: &bytes)
    }

    static func readUInt32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    /// The chunks of `bytes`, in order, after checking the whole datastream's structure and every CRC.
    static func chunks(in bytes: UnsafeRawBufferPointer, limits: BakingLimits) throws(BakingError) -> [PNGChunk] {
        guard bytes.count <= limits.maxImageBytes else {
            throw BakingError(
                .imageTooLarge,
                "the image is \(bytes.count) bytes, more than the limit of \(limits.maxImageBytes) bytes")
        }
        guard hasSignature(bytes) else {
            throw BakingError(.notPNG, "the bytes do not start with the 8-byte PNG signature", offset: 0)
        }
        var chunks: [PNGChunk] = []
        var offset = 8
        var sawIEND = false
        while offset < bytes.count {
            if sawIEND {
                throw BakingError(
                    .dataAfterIEND,
                    "\(bytes.count - offset) bytes follow the IEND chunk at byte \(offset); a PNG ends with IEND",
                    offset: offset)
            }
            let remaining = bytes.count - offset
            guard remaining >= 12 else {
                throw BakingError(
                    .truncated,
                    "the PNG ends at byte \(bytes.count) inside a chunk header (only \(remaining) bytes left at "
                        + "byte \(offset), a chunk needs at least 12)",
                    offset: offset)
            }
            let length = Int(readUInt32(bytes, offset))
            let type = readUInt32(bytes, offset + 4)
            guard isValidType(type) else {
                throw BakingError(
                    .badChunkType,
                    "the chunk at byte \(offset) has type \(PNGChunk.name(of: type)), which is not four ASCII letters",
                    offset: offset + 4)
            }
            let name = PNGChunk.name(of: type)
            guard length <= formatMaxChunkLength else {
                throw BakingError(
                    .chunkTooLarge,
                    "the \(name) chunk at byte \(offset) declares length \(length), above the PNG maximum of 2^31 - 1",
                    offset: offset)
            }
            guard length <= limits.maxChunkLength else {
                throw BakingError(
                    .chunkTooLarge,
                    "the \(name) chunk at byte \(offset) declares length \(length), above the limit of "
                        + "\(limits.maxChunkLength) bytes",
                    offset: offset)
            }
            guard length <= remaining - 12 else {
                throw BakingError(
                    .truncated,
                    "the \(name) chunk at byte \(offset) declares \(length) data bytes but only \(remaining - 12) "
                        + "remain before the end of the file (truncated image or wrong chunk length)",
                    offset: offset)
            }
            guard chunks.count < limits.maxPNGChunks else {
                throw BakingError(
                    .tooManyChunks,
                    "the PNG has more than \(limits.maxPNGChunks) chunks (at byte \(offset))", offset: offset)
            }
            let chunk = PNGChunk(type: type, offset: offset, length: length)
            let stored = readUInt32(bytes, chunk.dataEnd)
            let computed = CRC32.finalize(
                CRC32.update(CRC32.initial, UnsafeRawBufferPointer(rebasing: bytes[(offset + 4)..<chunk.dataEnd])))
            guard stored == computed else {
                throw BakingError(
                    .badCRC,
                    "the \(name) chunk at byte \(offset) has CRC-32 \(hex(stored)) but its type and data give "
                        + "\(hex(computed)) (the image is corrupt)",
                    offset: chunk.dataEnd)
            }
            if chunks.isEmpty {
                guard type == PNGChunk.IHDR, length == 13 else {
                    throw BakingError(
                        .missingIHDR,
                        "the first chunk is \(name) with \(length) data bytes; a PNG must start with a 13-byte IHDR",
                        offset: offset)
                }
            } else if type == PNGChunk.IHDR {
                throw BakingError(.missingIHDR, "a second IHDR chunk appears at byte \(offset)", offset: offset)
            }
            if type == PNGChunk.IEND {
                sawIEND = true
            }
            chunks.append(chunk)
            offset = chunk.end
        }
        guard sawIEND else {
            throw BakingError(
                .truncated,
                "the PNG ends at byte \(bytes.count) without an IEND chunk (the file is truncated)",
                offset: bytes.count)
        }
        return chunks
    }

    /// Each of the four type bytes is an ASCII letter (PNG §5.4).
    static func isValidType(_ type: UInt32) -> Bool {
        for shift in [24, 16, 8, 0] as [UInt32] {
            let byte = UInt8(truncatingIfNeeded: type >> shift)
            guard (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) else { return false }
        }
        return true
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
