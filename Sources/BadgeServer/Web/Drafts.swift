import BadgeIssuer
import BadgeStore
import Foundation
import FormData

/// A learner's work in progress on an achievement, as the submission form shows it: stored in the ledger's
/// `drafts` as JSON. Files are stored content-addressed when uploaded; the draft names them by digest.
struct Draft: Codable, Sendable, Hashable {
    struct File: Codable, Sendable, Hashable {
        var name: String
        var sha256: String
        var mediaType: String?
    }

    struct Part: Codable, Sendable, Hashable {
        var narrative: String = ""
        var links: [String] = []
        var files: [File] = []

        var isEmpty: Bool { narrative.isEmpty && links.isEmpty && files.isEmpty }
    }

    var name: String = ""
    var context: String = ""
    var reflection: String = ""
    /// By criterion id.
    var criteria: [String: Part] = [:]
    /// The attempt this draft started from (carried forward), if any.
    var startedFrom: String?

    func part(_ criterion: String) -> Part { criteria[criterion] ?? Part() }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func from(json: String) -> Draft? {
        try? JSONDecoder().decode(Draft.self, from: Data(json.utf8))
    }

    /// A draft that starts from an earlier attempt: its evidence, narratives, reflection, context and name.
    static func carried(from submission: SubmissionRecord, evidence: [SubmissionEvidenceRecord]) -> Draft {
        var draft = Draft(name: submission.learnerName ?? "", context: submission.context ?? "")
        draft.startedFrom = submission.id
        for item in evidence {
            guard let criterion = item.criterionId else {
                if item.kind == .reflection { draft.reflection = item.text ?? "" }
                continue
            }
            var part = draft.part(criterion)
            switch item.kind {
            case .file:
                if let hex = item.sha256 { part.files.append(File(name: item.name ?? hex, sha256: hex, mediaType: item.mediaType)) }
            case .url:
                if let url = item.url { part.links.append(url) }
            case .narrative:
                part.narrative = item.text ?? ""
            case .reflection:
                break
            }
            draft.criteria[criterion] = part
        }
        return draft
    }

    /// The draft as the evidence of a submission (every item already stored).
    func evidence(for definition: AchievementDefinition) -> [SubmissionEvidenceRecord] {
        var out: [SubmissionEvidenceRecord] = []
        for criterion in definition.rubric {
            let part = self.part(criterion.id)
            for file in part.files {
                out.append(SubmissionEvidenceRecord(
                    criterionId: criterion.id, kind: .file, name: file.name, sha256: file.sha256, mediaType: file.mediaType))
            }
            for link in part.links { out.append(SubmissionEvidenceRecord(criterionId: criterion.id, kind: .url, url: link)) }
            if !part.narrative.isEmpty {
                out.append(SubmissionEvidenceRecord(criterionId: criterion.id, kind: .narrative, text: part.narrative))
            }
        }
        if !reflection.isEmpty { out.append(SubmissionEvidenceRecord(criterionId: nil, kind: .reflection, text: reflection)) }
        return out
    }

    /// Every file digest the draft names.
    var fileDigests: Set<String> { Set(criteria.values.flatMap { $0.files.map(\.sha256) }) }
}

/// Files a learner may upload as evidence: documents, images, audio and video, by extension and first bytes.
enum Uploads {
    static let types: [String: String] = [
        "pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "txt": "text/plain", "md": "text/markdown", "csv": "text/csv",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt": "application/vnd.oasis.opendocument.text", "mp3": "audio/mpeg", "mp4": "video/mp4",
        "mov": "video/quicktime",
    ]

    /// A size as people read it: "10 MB", "64 KB".
    static func size(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 ? "\(bytes / (1024 * 1024)) MB" : "\(max(1, bytes / 1024)) KB"
    }

    static var accepted: String { types.keys.sorted().map { "." + $0 }.joined(separator: ",") }

    /// A file name safe to show and store: the last path component, control characters removed, at most 120
    /// characters.
    static func cleanName(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? raw
        let kept = last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }
        return String(String.UnicodeScalarView(kept).prefix(120))
    }

    /// The media type of an upload, or an error saying which files are accepted.
    static func mediaType(name: String, bytes: [UInt8]) throws -> String {
        let ext = name.split(separator: ".").count > 1 ? String(name.split(separator: ".").last!).lowercased() : ""
        guard let type = types[ext] else {
            throw ServerError(
                415, "unsupported_type",
                "'\(name)' is not a kind of file accepted as evidence. Upload a document, image, audio or video file "
                    + "(\(types.keys.sorted().joined(separator: ", "))), or give a link instead.")
        }
        let magic: [String: [UInt8]] = [
            "pdf": Array("%PDF".utf8), "png": [0x89, 0x50, 0x4E, 0x47], "jpg": [0xFF, 0xD8, 0xFF], "jpeg": [0xFF, 0xD8, 0xFF],
            "gif": Array("GIF8".utf8), "docx": [0x50, 0x4B], "xlsx": [0x50, 0x4B], "pptx": [0x50, 0x4B], "odt": [0x50, 0x4B],
        ]
        if let prefix = magic[ext], !bytes.starts(with: prefix) {
            throw ServerError(415, "unsupported_type", "'\(name)' does not hold what its name says (a .\(ext) file).")
        }
        if type.hasPrefix("text/"), String(validating: bytes, as: UTF8.self) == nil {
            throw ServerError(415, "unsupported_type", "'\(name)' is not UTF-8 text.")
        }
        return type
    }
}
