extension BadgeBaker {
    /// Bakes a credential into a PNG (OB 3.0 §"PNG" / "Baking").
    ///
    /// An `iTXt` chunk is inserted with keyword `openbadgecredential`, compression flag 0 ("Compression MUST NOT be
    /// used"), an empty language tag and translated keyword, and `payload` as its text, just before `IEND`. "An
    /// iTXt chunk with the keyword openbadgecredential MUST NOT appear in a PNG more than once": any existing one
    /// (and any `tEXt`/`zTXt` chunk with that keyword) is removed, so re-baking replaces the credential. Every
    /// other chunk is kept byte for byte; the whole datastream is checked first (lengths, CRCs, IHDR first, IEND
    /// last).
    ///
    /// - Parameter payload: the JSON of a credential with an embedded proof, or the Compact JWS of a VC-JWT.
    public static func bake(
        _ payload: String, intoPNG png: [UInt8], limits: BakingLimits = .default
    ) throws(BakingError) -> [UInt8] {
        let prepared = try BakedPayload(checking: payload, limits: limits)
        let chunks = try withRawBytes(png) { raw throws(BakingError) in
            try PNGDatastream.chunks(in: raw, limits: limits)
        }
        let dropped = png.withUnsafeBytes { raw in
            chunks.filter { isTextChunk($0, keyword: pngKeywordBytes, in: raw) }
        }
        let text = prepared.text.utf8
        // keyword, NUL, compression flag, compression method, empty language tag + NUL, empty translated keyword + NUL
        let header: [UInt8] = pngKeywordBytes + [0, 0, 0, 0, 0]
        let length = header.count + text.count
        guard length <= PNGDatastream.formatMaxChunkLength, length <= limits.maxChunkLength else {
            throw BakingError(
                .payloadTooLarge,
                "the credential chunk would be \(length) bytes, more than the limit of "
                    + "\(min(limits.maxChunkLength, PNGDatastream.formatMaxChunkLength)) bytes")
        }
        let iend = chunks[chunks.count - 1]
        var output: [UInt8] = []
        output.reserveCapacity(png.count + 12 + length)
        // Copy every chunk before IEND in as few runs as possible, leaving out old credential chunks.
        var runStart = 0
        for chunk in dropped {
            output.append(contentsOf: png[runStart..<chunk.offset])
            runStart = chunk.end
        }
        output.append(contentsOf: png[runStart..<iend.offset])
        let chunkStart = output.count
        output.append(UInt8(truncatingIfNeeded: length >> 24))
        output.append(UInt8(truncatingIfNeeded: length >> 16))
        output.append(UInt8(truncatingIfNeeded: length >> 8))
        output.append(UInt8(truncatingIfNeeded: length))
        output.append(contentsOf: [0x69, 0x54, 0x58, 0x74])  // "iTXt"
        output.append(contentsOf: header)
        output.append(contentsOf: text)
        let crc = output.withUnsafeBytes { raw in
            CRC32.finalize(CRC32.update(CRC32.initial, UnsafeRawBufferPointer(rebasing: raw[(chunkStart + 4)...])))
        }
        output.append(UInt8(truncatingIfNeeded: crc >> 24))
        output.append(UInt8(truncatingIfNeeded: crc >> 16))
        output.append(UInt8(truncatingIfNeeded: crc >> 8))
        output.append(UInt8(truncatingIfNeeded: crc))
        output.append(contentsOf: png[iend.offset..<iend.end])
        return output
    }

    /// Extracts the credential from a PNG (OB 3.0 §"PNG" / "Extracting"): the text of the `iTXt` chunk with
    /// keyword `openbadgecredential`, exactly as baked.
    ///
    /// The whole datastream is checked (lengths, CRCs, IHDR first, IEND last). Two such chunks are an error
    /// (`multipleCredentials`), since the image is then ambiguous; a compressed one is refused
    /// (`compressedCredential`); an Open Badges 2.0 `openbadges` text chunk gives `legacyBadge`.
    public static func extract(fromPNG png: [UInt8], limits: BakingLimits = .default) throws(BakingError) -> String {
        try withRawBytes(png) { raw throws(BakingError) -> String in
            let chunks = try PNGDatastream.chunks(in: raw, limits: limits)
            var found: [PNGChunk] = []
            var legacy: PNGChunk? = nil
            var wrongType: PNGChunk? = nil
            for chunk in chunks {
                if isTextChunk(chunk, keyword: pngKeywordBytes, in: raw) {
                    if chunk.type == PNGChunk.iTXt {
                        found.append(chunk)
                    } else if wrongType == nil {
                        wrongType = chunk
                    }
                } else if legacy == nil, isTextChunk(chunk, keyword: legacyKeywordBytes, in: raw) {
                    legacy = chunk
                }
            }
            guard let chunk = found.first else {
                if let legacy {
                    throw BakingError(
                        .legacyBadge,
                        "the PNG holds an Open Badges 2.0 badge (a \(legacy.typeName) chunk with keyword "
                            + "'openbadges' at byte \(legacy.offset)), not an Open Badges 3.0 credential",
                        offset: legacy.offset)
                }
                if let wrongType {
                    throw BakingError(
                        .noCredential,
                        "the PNG has no iTXt chunk with keyword 'openbadgecredential'; there is a "
                            + "\(wrongType.typeName) chunk with that keyword at byte \(wrongType.offset), but OB 3.0 "
                            + "requires iTXt",
                        offset: wrongType.offset)
                }
                throw BakingError(
                    .noCredential,
                    "the PNG has no iTXt chunk with keyword 'openbadgecredential', so no credential is baked into it")
            }
            guard found.count == 1 else {
                let places = found.prefix(3).map { "byte \($0.offset)" }.joined(separator: ", ")
                    + (found.count > 3 ? ", …" : "")
                throw BakingError(
                    .multipleCredentials,
                    "the PNG has \(found.count) iTXt chunks with keyword 'openbadgecredential' (at \(places)); OB 3.0 "
                        + "allows only one, so the credential is ambiguous",
                    offset: found[1].offset)
            }
            return try credentialText(of: chunk, in: raw, limits: limits)
        }
    }

    /// `Array.withUnsafeBytes` for a body that throws `BakingError`.
    static func withRawBytes<Result>(
        _ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(BakingError) -> Result
    ) throws(BakingError) -> Result {
        let outcome: Swift.Result<Result, BakingError> = bytes.withUnsafeBytes { raw in
            do throws(BakingError) {
                return .success(try body(raw))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    static let pngKeywordBytes: [UInt8] = Array("openbadgecredential".utf8)
    static let legacyKeywordBytes: [UInt8] = Array("openbadges".utf8)

    /// Whether `chunk` is a `tEXt`, `zTXt` or `iTXt` chunk whose keyword is exactly `keyword`.
    static func isTextChunk(_ chunk: PNGChunk, keyword: [UInt8], in raw: UnsafeRawBufferPointer) -> Bool {
        guard chunk.type == PNGChunk.iTXt || chunk.type == PNGChunk.tEXt || chunk.type == PNGChunk.zTXt,
            chunk.length > keyword.count, raw[chunk.dataStart + keyword.count] == 0
        else { return false }
        for index in 0..<keyword.count where raw[chunk.dataStart + index] != keyword[index] {
            return false
        }
        return true
    }

    /// The text field of an `iTXt` chunk (PNG §11.3.4.5) whose keyword is `keyword`: keyword, NUL, compression flag, compression method,
    /// language tag, NUL, translated keyword, NUL, text.
    static func credentialText(
        of chunk: PNGChunk, in raw: UnsafeRawBufferPointer, limits: BakingLimits, keyword: String = pngKeyword
    ) throws(BakingError) -> String {
        var index = chunk.dataStart + keyword.utf8.count + 1
        let end = chunk.dataEnd
        guard end - index >= 4 else {
            throw BakingError(
                .malformedChunk,
                "the \(keyword) iTXt chunk at byte \(chunk.offset) ends before its compression flag, "
                    + "language tag and translated keyword", offset: chunk.offset)
        }
        let compressionFlag = raw[index]
        guard compressionFlag <= 1 else {
            throw BakingError(
                .malformedChunk,
                "the \(keyword) iTXt chunk at byte \(chunk.offset) has compression flag \(compressionFlag) "
                    + "(must be 0 or 1)", offset: index)
        }
        guard compressionFlag == 0 else {
            throw BakingError(
                .compressedCredential,
                "the \(keyword) iTXt chunk at byte \(chunk.offset) is compressed; OB 3.0 says compression "
                    + "MUST NOT be used, and Laurel does not inflate baked credentials", offset: index)
        }
        index += 2  // compression flag and method (the method has no meaning when the flag is 0)
        for field in ["language tag", "translated keyword"] {
            while index < end, raw[index] != 0 { index += 1 }
            guard index < end else {
                throw BakingError(
                    .malformedChunk,
                    "the \(keyword) iTXt chunk at byte \(chunk.offset) has no NUL after its \(field)",
                    offset: chunk.offset)
            }
            index += 1
        }
        let text = UnsafeRawBufferPointer(rebasing: raw[index..<end])
        guard !text.isEmpty else {
            throw BakingError(
                .invalidPayload, "the \(keyword) iTXt chunk at byte \(chunk.offset) has empty text",
                offset: index)
        }
        guard text.count <= limits.maxPayloadBytes else {
            throw BakingError(
                .payloadTooLarge,
                "the baked credential is \(text.count) bytes, more than the limit of \(limits.maxPayloadBytes) bytes",
                offset: index)
        }
        guard let string = String(validating: text, as: UTF8.self) else {
            throw BakingError(
                .invalidUTF8,
                "the text of the \(keyword) iTXt chunk at byte \(chunk.offset) is not valid UTF-8",
                offset: index)
        }
        return string
    }
}
