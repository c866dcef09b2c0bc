import BadgeServer
import Foundation
import Hummingbird
import OpenBadges
import Testing

/// Headless Chromium against the server on a loopback port: the page a person sees after uploading a badge.
/// Screenshots are kept in .build/artefacts/. Without chromium the suite is reported as skipped, never passed.
@Suite(.enabled(if: Browser.path != nil, "chromium is not installed (apt-get install chromium): the browser test did not run"))
struct BrowserTests {
    @Test("Uploading a baked badge in Chromium shows the verdict and the badge name; a revoked one shows not valid")
    func uploadInBrowser() async throws {
        let fixture = try ServerFixture.shared.get()
        let revokedSVG = try BadgeBaker.bake(
            String(decoding: fixture.revokedJSON, as: UTF8.self),
            intoSVG: DefaultBadgeImage.svg(achievementName: "Data Literacy", issuerName: "Riverside"))
        try await LoopbackServer.with(fixture.configuration()) { port in
            let folder = TemporaryFolder("browser")
            let valid = try Browser.uploadPage(
                port: port, fileName: "badge.svg", type: "image/svg+xml", bytes: fixture.svg, email: "ada@example.org", in: folder)
            let validDOM = try await Browser.run(["--dump-dom", valid], folder: folder)
            #expect(validDOM.contains("<h1 id=\"verdict\">Valid: this badge is genuine and in good standing.</h1>"))
            #expect(validDOM.contains("<h2 id=\"badge-name\">Data Literacy</h2>"))
            #expect(validDOM.contains("The badge was awarded to ada@example.org."))
            let validShot = try await Browser.screenshot(valid, name: "verify-valid.png", folder: folder)
            #expect(validShot > 10_000, "the screenshot has content")

            let revoked = try Browser.uploadPage(
                port: port, fileName: "revoked.svg", type: "image/svg+xml", bytes: Array(revokedSVG.utf8), email: nil, in: folder)
            let revokedDOM = try await Browser.run(["--dump-dom", revoked], folder: folder)
            #expect(revokedDOM.contains("<h1 id=\"verdict\">Not valid: do not trust this badge.</h1>"))
            #expect(revokedDOM.contains("<h2 id=\"badge-name\">Data Literacy</h2>"))
            #expect(revokedDOM.lowercased().contains("revoked"))
            _ = try await Browser.screenshot(revoked, name: "verify-revoked.png", folder: folder)

            let hosted = try await Browser.run(["--dump-dom", "http://127.0.0.1:\(port)/verify?id=\(fixture.revokedID)"], folder: folder)
            #expect(hosted.contains("Not valid: do not trust this badge."))
            // The page's own script runs under its Content-Security-Policy (it marks the form as enhanced).
            let homeDOM = try await Browser.run(["--dump-dom", "http://127.0.0.1:\(port)/"], folder: folder)
            #expect(homeDOM.contains(
                "<form id=\"verify-form\" method=\"post\" action=\"/verify\" enctype=\"multipart/form-data\" class=\"enhanced\">"))
            let home = try await Browser.screenshot("http://127.0.0.1:\(port)/", name: "verify-form.png", folder: folder)
            #expect(home > 5_000)
            print("browser: screenshots in \(Browser.artefacts)")
        }
    }
}

/// Runs the application on 127.0.0.1 with a free port for the duration of `body`.
enum LoopbackServer {
    static func with(_ configuration: ServerConfiguration, _ body: @Sendable (Int) async throws -> Void) async throws {
        var configuration = configuration
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = buildApplication(configuration) { port in continuation.yield(port) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { return }
            do {
                try await body(port)
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }
}

enum Browser {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The package's .build/artefacts folder.
    static let artefacts: String = {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let folder = tests.deletingLastPathComponent().appendingPathComponent(".build/artefacts").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }()

    /// A local page that puts the badge into the real form's file field and submits it, as a person would.
    static func uploadPage(
        port: Int, fileName: String, type: String, bytes: [UInt8], email: String?, in folder: TemporaryFolder
    ) throws -> String {
        let page = """
            <!DOCTYPE html><html><body>
            <form id="f" method="post" action="http://127.0.0.1:\(port)/verify" enctype="multipart/form-data">
            <input type="file" name="file" id="file"><input name="email" value="\(email ?? "")"></form>
            <script>
            var bytes = Uint8Array.from(atob("\(Data(bytes).base64EncodedString())"), function (c) { return c.charCodeAt(0); });
            var list = new DataTransfer();
            list.items.add(new File([bytes], "\(fileName)", { type: "\(type)" }));
            document.getElementById("file").files = list.files;
            document.getElementById("f").submit();
            </script></body></html>
            """
        let file = folder.file(fileName + ".html")
        try page.write(toFile: file, atomically: true, encoding: .utf8)
        return URL(fileURLWithPath: file).absoluteString
    }

    static func screenshot(_ url: String, name: String, folder: TemporaryFolder) async throws -> Int {
        let target = artefacts + "/" + name
        try? FileManager.default.removeItem(atPath: target)
        _ = try await run(["--screenshot=\(target)", "--window-size=1000,1500", "--hide-scrollbars", url], folder: folder)
        let size = (try? FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? 0
        return size
    }

    /// Runs headless Chromium (at most 60 s) and returns what it printed.
    static func run(_ arguments: [String], folder: TemporaryFolder) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(folder.file("profile"))", "--virtual-time-budget=10000",
        ] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let finished = AsyncStream<Void>.makeStream()
        process.terminationHandler = { _ in finished.continuation.finish() }
        try process.run()
        let reader = Task.detached { output.fileHandleForReading.readDataToEndOfFile() }
        let watchdog = Task.detached {
            try await Task.sleep(for: .seconds(60))
            if process.isRunning { process.terminate() }
        }
        for await _ in finished.stream {}
        watchdog.cancel()
        return String(decoding: await reader.value, as: UTF8.self)
    }
}
