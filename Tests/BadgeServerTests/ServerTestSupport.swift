import BadgeIssuer
import BadgeProofs
import BadgeServer
import BadgeVerifier
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkedData
import OpenBadges
import Testing

/// A temporary folder (kept for the test process's life; the fixture is shared by every test).
struct TemporaryFolder: Sendable {
    let path: String

    init(_ label: String) {
        path = NSTemporaryDirectory() + "laurel-server-\(label)-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }
}

/// An issuer workspace with one valid and one revoked badge, published status lists, and the valid badge baked
/// into an SVG and a PNG image.
struct ServerFixture: Sendable {
    static let issuedAt = "2026-01-15T09:00:00Z"
    /// The clock the server is given: a month after issuing.
    static let now: Double = 1_771_146_000

    let folder: TemporaryFolder
    let workspace: Workspace
    let validID: String
    let revokedID: String
    let validJSON: [UInt8]
    let revokedJSON: [UInt8]
    let svg: [UInt8]
    let png: [UInt8]

    static let shared = Swift.Result<ServerFixture, any Error>(catching: {
        try ServerFixture(didWeb: "example.edu", label: "main")
    })
    static let withPath = Swift.Result<ServerFixture, any Error>(catching: {
        try ServerFixture(didWeb: "example.edu/issuers/riverside", label: "path")
    })

    init(didWeb: String, label: String) throws {
        folder = TemporaryFolder(label)
        workspace = try Workspace.create(
            at: folder.file("issuer"),
            options: .init(
                name: "Riverside <College> & Co", url: "https://example.edu", email: "badges@example.edu",
                didWeb: didWeb))
        let definition = AchievementDefinition(
            id: workspace.config.baseURL + "/achievements/data-literacy", name: "Data Literacy",
            description: "Reads data critically and explains what it shows.",
            criteriaNarrative: "Submit a short data project.",
            rubric: [
                .init(
                    id: "analysis", name: "Analysis",
                    levels: [
                        .init(id: "developing", name: "Developing", description: "Some errors in method."),
                        .init(id: "proficient", name: "Proficient", description: "A suitable method, applied well."),
                        .init(id: "exemplary", name: "Exemplary", description: "Checked two ways."),
                    ], requiredLevel: "proficient")
            ])
        _ = try workspace.saveAchievement(definition, fileName: "data-literacy")
        let valid = try workspace.issue(
            IssueRequest(
                achievement: definition, recipient: .email("ada@example.org"), recipientName: "Ada Learner",
                results: [("analysis", "exemplary")],
                evidence: [.url("https://portfolio.example.org/ada", name: "Data project")]),
            outputPath: nil, now: Self.issuedAt)
        let revoked = try workspace.issue(
            IssueRequest(achievement: definition, recipient: .email("bob@example.org"), results: [("analysis", "proficient")]),
            outputPath: nil, now: Self.issuedAt)
        try workspace.changeStatus(.revoke, credentialID: revoked.credentialID, reason: "issued in error", now: Self.issuedAt)
        try workspace.publishStatusLists(now: Self.issuedAt)
        validID = valid.credentialID
        revokedID = revoked.credentialID
        validJSON = valid.signed.bytes
        revokedJSON = revoked.signed.bytes
        let text = String(decoding: validJSON, as: UTF8.self)
        svg = Array(try BadgeBaker.bake(text, intoSVG: DefaultBadgeImage.svg(achievementName: "Data Literacy", issuerName: "Riverside")).utf8)
        png = try BadgeBaker.bake(text, intoPNG: TinyPNG.make())
    }

    func configuration(port: Int = 0, maxBodyBytes: Int = 8 * 1024 * 1024) -> ServerConfiguration {
        ServerConfiguration(port: port, workspace: workspace, maxBodyBytes: maxBodyBytes, now: { Self.now })
    }

    /// The resources the server uses for this workspace, read the same way a verifier given local copies would.
    func resources() throws -> [String: [UInt8]] {
        var resources: [String: [UInt8]] = [:]
        for list in try workspace.publishedFiles() { resources[list.url] = list.bytes }
        if let did = workspace.config.didWeb, let url = DIDWeb.documentURL(for: did) {
            resources[url] = Array(try Data(contentsOf: URL(fileURLWithPath: workspace.directory + "/" + Workspace.didDocumentFile)))
        }
        return resources
    }
}

extension Workspace {
    /// The published status list files with their URLs.
    func publishedFiles() throws -> [(url: String, bytes: [UInt8])] {
        let status = statusDirectory
        var out: [(url: String, bytes: [UInt8])] = []
        for purpose in try FileManager.default.contentsOfDirectory(atPath: status) {
            for file in try FileManager.default.contentsOfDirectory(atPath: status + "/" + purpose) where file.hasSuffix(".json") {
                let url = config.baseURL + "/status/" + purpose + "/" + String(file.dropLast(5))
                out.append((url, Array(try Data(contentsOf: URL(fileURLWithPath: status + "/" + purpose + "/" + file)))))
            }
        }
        return out
    }
}

/// A valid 2×2 PNG (stored, uncompressed deflate), made here so the tests need no image files.
enum TinyPNG {
    static func make() -> [UInt8] {
        func be32(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let typed = Array(type.utf8) + data
            return be32(UInt32(data.count)) + typed + be32(CRC32.checksum(typed))
        }
        let raw: [UInt8] = [0, 0x5B, 0x2A, 0x86, 0xF2, 0xC1, 0x4E, 0, 0xF2, 0xC1, 0x4E, 0x5B, 0x2A, 0x86]
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in raw {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        let length = UInt16(raw.count)
        let zlib: [UInt8] = [0x78, 0x01, 0x01, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            + raw + be32(b << 16 | a)
        let header = be32(2) + be32(2) + [8, 2, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", zlib) + chunk("IEND", [])
    }
}

/// Multipart bodies as browsers send them.
struct MultipartBody {
    let boundary = "----LaurelTestBoundary7MA4YWxkTrZu0gW"
    var bytes: [UInt8] = []

    mutating func field(_ name: String, _ value: String) {
        bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
    }

    mutating func file(_ name: String, fileName: String, type: String, _ content: [UInt8]) {
        bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\nContent-Type: \(type)\r\n\r\n".utf8)
        bytes += content + Array("\r\n".utf8)
    }

    var finished: ByteBuffer { ByteBuffer(bytes: bytes + Array("--\(boundary)--\r\n".utf8)) }
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

func headers(_ contentType: String) -> HTTPFields {
    var fields = HTTPFields()
    fields[.contentType] = contentType
    return fields
}
