internal import BadgeCrypto
internal import LinkedData

extension Workspace {
    /// The achievement files in the workspace's `achievements/` folder.
    public func achievementFiles() throws(IssuerError) -> [String] {
        guard FileIO.isDirectory(achievementsDirectory) else { return [] }
        return try FileIO.list(achievementsDirectory).filter { $0.hasSuffix(".json") }.map {
            FileIO.join(achievementsDirectory, $0)
        }
    }

    /// All achievements, with their files.
    public func achievements() throws(IssuerError) -> [(file: String, definition: AchievementDefinition)] {
        var out: [(file: String, definition: AchievementDefinition)] = []
        for file in try achievementFiles() {
            out.append((file, try loadAchievement(file: file)))
        }
        return out
    }

    /// Finds an achievement by file path, by file name in `achievements/` (with or without `.json`) or by id.
    public func achievement(_ reference: String) throws(IssuerError) -> (file: String, definition: AchievementDefinition) {
        if FileIO.exists(reference), !FileIO.isDirectory(reference) {
            return (reference, try loadAchievement(file: reference))
        }
        for candidate in [reference, reference + ".json"] {
            let path = FileIO.join(achievementsDirectory, candidate)
            if FileIO.exists(path) { return (path, try loadAchievement(file: path)) }
        }
        for entry in try achievements() where entry.definition.id == reference {
            return entry
        }
        let known = (try? achievementFiles().map { String($0.split(separator: "/").last ?? "") }) ?? []
        throw IssuerError(
            .invalidFile,
            "no achievement '\(reference)' (a file path, a name in achievements/, or an id)"
                + (known.isEmpty ? "; the workspace has none yet (laurel achievement new)" : "; known: \(known.joined(separator: ", "))"))
    }

    /// Reads an achievement file. A file without `id` gets `<baseURL>/achievements/<file name>`; an image given
    /// as a local file becomes a data URI.
    public func loadAchievement(file: String) throws(IssuerError) -> AchievementDefinition {
        var definition = try AchievementDefinition(fileBytes: try FileIO.read(file), file: file)
        if definition.id.isEmpty {
            let stem = String((file.split(separator: "/").last ?? "achievement").dropLast(file.hasSuffix(".json") ? 5 : 0))
            definition.id = config.baseURL + "/achievements/" + stem
        }
        if let image = definition.image, !image.contains(":") {
            let base = String(file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/"))
            let path = FileIO.join(base.isEmpty ? "." : base, image)
            definition.image = try Self.dataURI(forImageFile: path)
        }
        return definition
    }

    /// A `data:` URI for a PNG or SVG file.
    static func dataURI(forImageFile path: String) throws(IssuerError) -> String {
        let bytes = try FileIO.read(path, limit: 2 * 1024 * 1024)
        let mediaType: String
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            mediaType = "image/png"
        } else if String(decoding: bytes.prefix(512), as: UTF8.self).contains("<svg") {
            mediaType = "image/svg+xml"
        } else {
            throw IssuerError(.invalidFile, "the image must be a PNG or SVG file", file: path)
        }
        return "data:\(mediaType);base64," + Base64.encode(bytes)
    }

    /// Writes a new achievement file into `achievements/` (never replacing one) and returns its path.
    public func saveAchievement(
        _ definition: AchievementDefinition, fileName: String, replace: Bool = false
    ) throws(IssuerError) -> String {
        try FileIO.makeDirectory(achievementsDirectory)
        let path = FileIO.join(achievementsDirectory, fileName.hasSuffix(".json") ? fileName : fileName + ".json")
        var bytes = JSONSerializer(style: .pretty).serialize(definition.fileJSON)
        bytes.append(0x0A)
        try FileIO.write(bytes, to: path, overwrite: replace)
        return path
    }

    /// A file-name slug for an achievement name: lower-case letters, digits and hyphens.
    public static func slug(_ name: String) -> String {
        var out = ""
        var lastHyphen = true
        for scalar in name.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                out.unicodeScalars.append(scalar)
                lastHyphen = false
            } else if !lastHyphen {
                out += "-"
                lastHyphen = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "achievement" : String(out.prefix(60))
    }
}

/// Standard base64 with padding (RFC 4648 §4), for data URIs.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            let n = UInt32(bytes[index]) << 16
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], UInt8(ascii: "="), UInt8(ascii: "=")]
        } else if rest == 2 {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], UInt8(ascii: "=")]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
