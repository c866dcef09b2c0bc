import BadgeCrypto
import BadgeIssuer
import BadgeServer
import BadgeStore
import BadgeVerifier
import Foundation
import OpenBadges
import Synchronization
import Testing

/// What the WebDriver journey needs: Chromium, chromium-driver and Selenium (Python). Without them the suite is
/// reported as skipped with the reason, never as passed.
enum WebDriverSetup {
    static let chromedriver: String? = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static let selenium: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import selenium"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }()

    static var missing: String? {
        if Browser.path == nil { return "chromium is not installed (apt-get install chromium)" }
        if chromedriver == nil { return "chromium-driver is not installed (apt-get install chromium-driver)" }
        if !selenium { return "Selenium is not installed (pip install selenium)" }
        return nil
    }

    static let script: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Browser/journey.py").path
}

@Suite(
    .enabled(if: WebDriverSetup.missing == nil, "the WebDriver journey did not run: \(WebDriverSetup.missing ?? "")"),
    .serialized)
struct WebBrowserJourneyTests {
    @Test("In Chromium: invite, sign in from the outbox, submit in three parts, not yet, resubmit one file, earn")
    func journey() async throws {
        let world = try WebWorld("browser")
        let outbox = world.workspace.outboxDirectory
        let mailer = try Mail.mailer(smtp: nil, outbox: outbox)
        var configuration = world.configuration
        configuration.web?.publicURL = nil
        configuration.web?.deliver = WebConfiguration.delivering(through: mailer, from: "badges@riverside.example").deliver
        // The browser's clock is the machine's: the server's must be too (sessions, links).
        configuration.now = { Date().timeIntervalSince1970 }
        let files = TemporaryFolder("browser-files")
        try Data("Plan: roles, dates and a budget.\n".utf8).write(to: URL(fileURLWithPath: files.file("plan.txt")))
        try Data("%PDF-1.4 photos of the day\n".utf8).write(to: URL(fileURLWithPath: files.file("photos.pdf")))
        try Data("%PDF-1.4 the survey before and after\n".utf8).write(to: URL(fileURLWithPath: files.file("survey.pdf")))
        try await LoopbackServer.with(configuration) { port in
            let output = try await Self.python([
                WebDriverSetup.script, "http://127.0.0.1:\(port)", outbox, files.path, Browser.artefacts,
            ])
            #expect(output.status == 0, "journey.py: \(output.stderr)\n\(output.stdout)")
            guard output.status == 0, let line = output.stdout.split(separator: "\n").last,
                let result = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String],
                let second = result["second"]
            else { return }
            #expect(result["attemptsPerEarned"] == "2.00")
            // The award's credential verifies and carries every criterion's level and both attempts' kept evidence.
            let award = try #require(try world.workspace.ledger.award(submissionId: second))
            let record = try #require(try world.workspace.ledger.credential(id: award.credentialId))
            let path = try #require(record.outputPath)
            let bytes = try FileIO.read(path.hasPrefix("/") ? path : world.workspace.directory + "/" + path)
            let report = try WebJourneyTests.verify(bytes, world: world, at: Date().timeIntervalSince1970 + 60)
            #expect(report.verdict == .valid, "\(report.checks.filter { $0.outcome == .fail }.map(\.message))")
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.contains("Léa Learner"))
            #expect(text.contains("#criterion-plan") && text.contains("#criterion-impact"))
            #expect(text.contains(Hex.encode(SHA256.hash(Array("Plan: roles, dates and a budget.\n".utf8)))))
            #expect(text.contains(Hex.encode(SHA256.hash(Array("%PDF-1.4 the survey before and after\n".utf8)))))
            #expect(!text.contains(Hex.encode(SHA256.hash(Array("%PDF-1.4 photos of the day\n".utf8)))))
            // Each download of the claim page is a badge that verifies.
            for name in ["claimed-badge.json", "claimed-badge.png", "claimed-badge.svg"] {
                let file = try FileIO.read(Browser.artefacts + "/" + name)
                let credential = name.hasSuffix(".json") ? file : Array(try BadgeBaker.extract(from: file).payload.utf8)
                let claimed = try WebJourneyTests.verify(credential, world: world, at: Date().timeIntervalSince1970 + 60)
                #expect(claimed.verdict == .valid, "\(name): \(claimed.checks.filter { $0.outcome == .fail }.map(\.message))")
            }
            // The claim page's QR code decodes to the verification URL (zbarimg, when installed).
            if let zbar = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
                let decoded = try await Self.run(zbar, ["--quiet", "--raw", "--nodbus", Browser.artefacts + "/claimed-verification-qr.png"])
                #expect(decoded.status == 0)
                #expect(decoded.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == result["verificationURL"])
                #expect(result["verificationURL"]?.hasPrefix("https://riverside.example/verify?id=urn%3Auuid%3A") == true)
            } else {
                print("browser journey: zbarimg is not installed (apt-get install zbar-tools): the QR code was not decoded")
            }
            let shots = try FileManager.default.contentsOfDirectory(atPath: Browser.artefacts).filter { $0.hasPrefix("web-") }
            #expect(shots.contains("web-learner-feedback-390.png") && shots.contains("web-assessor-review-1280.png"))
            print("browser journey: \(shots.count) screenshots in \(Browser.artefacts)")
        }
    }

    static func python(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await run("/usr/bin/env", ["python3"] + arguments)
    }

    /// Runs a program off the cooperative thread pool and collects its output.
    static func run(_ program: String, _ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: program)
                process.arguments = arguments
                let out = Pipe()
                let err = Pipe()
                process.standardOutput = out
                process.standardError = err
                do {
                    try process.run()
                    let stdout = out.fileHandleForReading.readDataToEndOfFile()
                    let stderr = err.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    continuation.resume(returning: (
                        process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
