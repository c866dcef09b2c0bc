#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import BadgeIssuer
import BadgeVerifier
import LinkedData
import OpenBadges

/// `laurel demo`: the whole journey in a temporary workspace.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Try Laurel end to end: create an issuer, an achievement with a rubric, issue a badge and verify it.",
        discussion: """
            Everything happens in a new temporary folder (or --dir), with no network: an
            issuer workspace with a fresh key, a "Data Literacy" achievement with a
            three-criterion rubric, a signed eddsa-rdfc-2022 badge for a learner (rubric
            levels, evidence bound by digest, a hashed email), the published revocation
            list, the badge baked into an SVG image, and the verification report an
            employer sees.
            """)

    @Option(help: ArgumentHelp("Use this folder instead of a new temporary one.", valueName: "dir"))
    var dir: String?

    func run() throws {
        let folder = try dir ?? Self.temporaryFolder()
        let workspacePath = FileIO.join(folder, "issuer")
        do {
            try runDemo(folder: folder, workspacePath: workspacePath)
        } catch let error as IssuerError {
            throw CLIError(error.description)
        }
    }

    func runDemo(folder: String, workspacePath: String) throws {
        let now = Console.now()
        Console.write(Console.paint("1. An issuer", .bold) + "\n")
        let workspace = try Workspace.create(
            at: workspacePath,
            options: .init(
                name: "Riverside Community College", url: "https://riverside.example.edu",
                email: "badges@riverside.example.edu", description: "Adult and continuing education."))
        Console.write("   \(workspace.config.issuer.name ?? "") — \(workspace.config.issuerID)\n   key: \(FileIO.join(workspacePath, Workspace.keyFile)) (mode 0600)\n\n")

        Console.write(Console.paint("2. An achievement with a transparent rubric", .bold) + "\n")
        let definition = AchievementDefinition(
            id: workspace.config.baseURL + "/achievements/data-literacy", name: "Data Literacy",
            description: "Reads data critically, analyses it with suitable tools and explains what it shows to others.",
            achievementType: "MicroCredential",
            criteriaNarrative: "Submit a short data project (a question, a data set, an analysis and a one-page brief). Every criterion must reach at least Proficient.",
            tags: ["data", "numeracy"],
            alignments: [.init(
                targetName: "Data, information and content", targetUrl: "https://example.org/frameworks/digcomp/1.1",
                targetFramework: "Digital competence framework", targetCode: "1.1", targetType: "ceasn:Competency")],
            rubric: [
                criterion("question", "Framing the question", [
                    ("Beginning", "States a topic rather than a question."),
                    ("Developing", "Asks a question the data can partly answer."),
                    ("Proficient", "Asks a clear question the data can answer."),
                    ("Exemplary", "Asks a sharp question and says what would change the answer."),
                ]),
                criterion("analysis", "Analysis", [
                    ("Beginning", "Describes the data without analysing it."),
                    ("Developing", "Analyses with some errors in method."),
                    ("Proficient", "Chooses a suitable method and applies it correctly."),
                    ("Exemplary", "Checks the result with a second method and explains the limits."),
                ]),
                criterion("communication", "Communication", [
                    ("Beginning", "The brief is hard to follow."),
                    ("Developing", "The brief is clear but the chart misleads."),
                    ("Proficient", "A clear brief with an honest chart."),
                    ("Exemplary", "A brief a non-specialist can act on."),
                ]),
            ])
        let achievementFile = try workspace.saveAchievement(definition, fileName: "data-literacy")
        Console.write(RubricText.render(definition).split(separator: "\n", omittingEmptySubsequences: false).map { "   " + $0 }.joined(separator: "\n") + "\n")

        Console.write(Console.paint("3. A badge for a learner", .bold) + "\n")
        let evidencePath = FileIO.join(folder, "project-brief.txt")
        try FileIO.write(Array("Question: do evening classes improve completion rates?\nAnswer: yes, by 12 points (2023-2025 data).\n".utf8), to: evidencePath)
        let request = IssueRequest(
            achievement: definition, recipient: .email("ada.learner@example.org"), recipientName: "Ada Learner",
            results: [("question", "exemplary"), ("analysis", "proficient"), ("communication", "exemplary")],
            evidence: [.url("https://portfolio.example.org/ada/data-project", name: "Data project"),
                       try Workspace.evidenceInput(evidencePath)],
            narrative: "Ada framed a sharp question about evening-class completion and checked her result two ways.")
        let issued = try workspace.issue(request, outputPath: nil, now: now)
        let published = try workspace.publishStatusLists(now: now)
        let credentialPath = issued.outputPath ?? ""
        Console.write("   \(issued.credentialID), signed with \(issued.signed.format.rawValue)\n   \(credentialPath)\n")
        for item in published { Console.write("   status list \(item.url)\n     → \(item.file)\n") }

        let imagePath = FileIO.join(folder, "data-literacy-badge.svg")
        let image = DefaultBadgeImage.svg(achievementName: definition.name, issuerName: workspace.config.issuer.name ?? "")
        do {
            let baked = try BadgeBaker.bake(String(decoding: issued.signed.bytes, as: UTF8.self), intoSVG: image)
            try FileIO.write(Array(baked.utf8), to: imagePath)
        } catch let error as BakingError {
            throw CLIError("could not bake the badge image: \(error.reason)")
        }
        Console.write("   baked into \(imagePath)\n\n")

        Console.write(Console.paint("4. An employer verifies the badge image", .bold) + " (laurel verify \(imagePath) --recipient-email ada.learner@example.org)\n\n")
        var resources: [String: [UInt8]] = [:]
        for item in published { resources[item.url] = try FileIO.read(item.file) }
        let verifier = Verifier(options: VerificationOptions(
            at: Console.nowSeconds(), resources: resources, recipientEmail: "ada.learner@example.org"))
        let report = verifier.verify(bytes: try FileIO.read(imagePath), source: imagePath)
        Console.write(report.text(color: Console.useColor))
        Console.write("""

            Files are in \(folder):
              issuer/              the issuer workspace (laurel.json, issuer-key.pem, ledger.sqlite, …)
              \(credentialPath.hasPrefix(folder) ? String(credentialPath.dropFirst(folder.count + 1)) : credentialPath)
              data-literacy-badge.svg   the badge image with the credential baked in
            Try (from \(Self.runFrom)):
              \(Self.laurel) verify \(imagePath) --format json --offline \\
                  \(published.map { "--resource \($0.url)=\($0.file)" }.joined(separator: " "))
              \(Self.laurel) achievement show --workspace \(workspacePath) data-literacy

            """)
        _ = achievementFile
        if report.verdict != .valid { throw ExitCode(1) }
    }

    /// How to run laurel as this process was run: `swift run laurel` from a package build (`.build/`), else the
    /// binary's own path (or `laurel` when it is on the PATH).
    static var laurel: String {
        let path = CommandLine.arguments.first ?? "laurel"
        if path.contains("/.build/") { return "swift run laurel" }
        return path.contains("/") ? path : "laurel"
    }

    static var runFrom: String {
        laurel == "swift run laurel" ? "the package folder" : "any folder"
    }

    func criterion(_ id: String, _ name: String, _ levels: [(String, String)]) -> AchievementDefinition.Criterion {
        AchievementDefinition.Criterion(
            id: id, name: name,
            levels: levels.enumerated().map { index, level in
                .init(id: level.0.lowercased(), name: level.0, description: level.1, points: String(index + 1))
            },
            requiredLevel: "proficient")
    }

    static func temporaryFolder() throws -> String {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((base + "/laurel-demo-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) != nil }
        guard made else { throw CLIError("cannot create a temporary folder in \(base)") }
        let length = template.firstIndex(of: 0) ?? template.count
        return String(decoding: template[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
