import Foundation
import Testing

/// A workspace with two achievements, a capstone and a program, made through the CLI.
struct LearningWorkspace {
    static let rubric = """
        [ { "id": "analysis", "name": "Analysis", "requiredLevel": "proficient",
            "levels": [ { "id": "developing", "name": "Developing", "points": "1",
                          "description": "Describes the data with help." },
                        { "id": "proficient", "name": "Proficient", "points": "2",
                          "description": "Explains what the data shows and its limits." } ] },
          { "id": "communication", "name": "Communication", "requiredLevel": "proficient",
            "levels": [ { "id": "developing", "name": "Developing", "points": "1" },
                        { "id": "proficient", "name": "Proficient", "points": "2" } ] } ]
        """

    let folder: ScratchFolder
    let ws: String

    init() throws {
        folder = try ScratchFolder()
        ws = folder.path("ws")
        try Self.expectOK(["init", ws, "--name", "Example College", "--url", "https://example.edu"])
        try folder.write("rubric.json", Self.rubric)
        for (name, description) in [("Data Literacy", "Reads and explains data."), ("Teamwork", "Works with others.")] {
            try Self.expectOK([
                "achievement", "new", "--workspace", ws, "--name", name, "--description", description,
                "--criteria", "Every criterion at **Proficient** or higher:\n\n- Analysis\n- Communication",
                "--rubric", folder.path("rubric.json"),
            ])
        }
        try Self.expectOK([
            "achievement", "new", "--workspace", ws, "--name", "Data Practitioner", "--description", "Both badges.",
            "--criteria", "Earn Data Literacy and Teamwork.", "--type", "Certificate",
        ])
        try folder.write("brief.txt", "Question: do evening classes help?\n")
    }

    @discardableResult
    static func expectOK(_ arguments: [String]) throws -> LaurelBinary.Result {
        let result = try LaurelBinary.run(arguments)
        #expect(result.status == 0, "laurel \(arguments.joined(separator: " ")): \(result.standardError)")
        return result
    }

    func laurel(_ arguments: [String]) throws -> LaurelBinary.Result {
        // The workspace option goes after the (sub)command: `program new --workspace …`, `submit --workspace …`.
        let command = arguments[0] == "program" ? 2 : 1
        return try LaurelBinary.run(Array(arguments[..<command]) + ["--workspace", ws] + arguments[command...])
    }

    /// Submits and returns the submission id from the output.
    func submit(_ arguments: [String]) throws -> String {
        let result = try laurel(["submit"] + arguments)
        #expect(result.status == 0, "\(result.standardError)")
        let line = result.standardOutput.split(separator: "\n").first ?? ""
        return String(line.split(separator: " ").dropFirst().first?.dropLast() ?? "")
    }
}

@Suite("laurel program / rubric / submit / review / feedback / award / certificate / progress (built binary)")
struct LearningCommandTests {
    @Test("the whole journey on the command line: not yet, resubmit, earned, award, program complete")
    func journey() throws {
        let w = try LearningWorkspace()
        let program = try w.laurel([
            "program", "new", "--name", "Data Track", "--achievement", "data-literacy", "--achievement", "teamwork",
            "--require", "2", "--capstone", "data-practitioner", "--target", "2027-06-30",
        ])
        #expect(program.status == 0, "\(program.standardError)")
        let show = try w.laurel(["program", "show", "data-track"])
        #expect(show.standardOutput.contains("Complete 2 of these 2 achievements"))
        #expect(show.standardOutput.contains("2027-06-30 (advisory only; submissions stay open)"))

        let first = try w.submit([
            "--achievement", "data-literacy", "--learner", "ada@example.org", "--name", "Ada Learner",
            "--evidence", "analysis=\(w.folder.path("brief.txt"))", "--evidence", "communication=https://example.org/ada",
        ])
        #expect(first.hasPrefix("sub-"))
        let notYet = try w.laurel([
            "review", first, "--reviewer", "Sam", "--level", "analysis=proficient", "--level", "communication=developing",
            "--feedback", "communication=A clear summary.", "--next-step", "communication=Label the chart axes.",
        ])
        #expect(notYet.standardOutput.contains("not yet"), "\(notYet.standardError)")
        let refused = try w.laurel(["award", first])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("not yet"))
        let progress = try w.laurel(["progress", "ada@example.org"])
        #expect(progress.standardOutput.contains("next step, Communication: Label the chart axes."))

        let second = try w.submit([
            "--achievement", "data-literacy", "--learner", "ada@example.org", "--name", "Ada Learner",
            "--evidence", "analysis=\(w.folder.path("brief.txt"))", "--evidence", "communication=https://example.org/v2",
        ])
        let earned = try w.laurel([
            "review", second, "--reviewer", "Sam", "--level", "analysis=proficient", "--level", "communication=proficient",
            "--public-narrative", "Ada analysed evening-class data.",
        ])
        #expect(earned.standardOutput.contains("earned"))
        let award = try w.laurel(["award", second, "--out", w.folder.path("ada.json")])
        #expect(award.status == 0, "\(award.standardError)")
        #expect(try w.folder.read("ada.json").contains("Ada analysed evening-class data."))

        let teamwork = try w.submit([
            "--achievement", "teamwork", "--learner", "ada@example.org", "--name", "Ada Learner",
            "--narrative", "analysis=I led the team's analysis.", "--evidence", "communication=https://example.org/t",
        ])
        _ = try w.laurel([
            "review", teamwork, "--reviewer", "Kim", "--level", "analysis=proficient", "--level", "communication=proficient",
        ])
        let stacked = try w.laurel(["award", teamwork, "--out", w.folder.path("teamwork.json")])
        #expect(stacked.standardOutput.contains("Program Data Track complete: stacked credential urn:uuid:"))
        #expect(FileManager.default.fileExists(atPath: w.folder.path("data-track-ada-example-org.json")))

        // The credentials verify with the published status list.
        try LearningWorkspace.expectOK(["status", "publish", "--workspace", w.ws])
        let list = w.ws + "/status/revocation/1.json"
        for file in ["ada.json", "data-track-ada-example-org.json"] {
            let verify = try LaurelBinary.run([
                "verify", w.folder.path(file), "--resource", "https://example.edu/status/revocation/1=\(list)",
            ])
            #expect(verify.status == 0, "\(file): \(verify.standardOutput)")
        }
        let done = try w.laurel(["progress", "ada@example.org"])
        #expect(done.standardOutput.contains("Data Track: 2 of 2 needed"))
        #expect(done.standardOutput.contains("complete, credential urn:uuid:"))
    }

    @Test("bad input on the command line is named, exits 1 and changes nothing")
    func badInput() throws {
        let w = try LearningWorkspace()
        let submission = try w.submit([
            "--achievement", "data-literacy", "--learner", "ada@example.org", "--evidence", "analysis=https://example.org/a",
        ])
        let cases: [([String], String)] = [
            (["review", submission, "--reviewer", "Sam", "--level", "analysis=expert", "--level", "communication=proficient"],
             "'expert' is not a level of criterion 'analysis'"),
            (["review", "sub-unknown", "--reviewer", "Sam", "--level", "analysis=proficient"], "no submission 'sub-unknown'"),
            (["submit", "--achievement", "data-literacy", "--learner", "ada@example.org",
              "--evidence", "creativity=https://example.org/c"], "'creativity' is not a criterion of 'Data Literacy'"),
            (["award", submission], "has not been reviewed"),
            (["program", "new", "--name", "P", "--achievement", "data-literacy", "--require", "2"], "--require 2"),
        ]
        for (arguments, named) in cases {
            let result = try w.laurel(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.standardError.contains(named), "\(result.standardError)")
        }
        let progress = try w.laurel(["progress", "ada@example.org"])
        #expect(progress.standardOutput.contains("In progress (1)"))
        #expect(progress.standardOutput.contains("waiting for review"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: w.ws + "/credentials").isEmpty)
    }

    @Test("certificate takes a credential id from the ledger or a VC-JWT file; anything else is named")
    func certificateSources() throws {
        let folder = try ScratchFolder()
        let ws = folder.path("jw")
        try LearningWorkspace.expectOK([
            "init", ws, "--name", "JWT College", "--url", "https://jwt.example.edu", "--proof", "vc-jwt",
        ])
        try folder.write("rubric.json", LearningWorkspace.rubric)
        try LearningWorkspace.expectOK([
            "achievement", "new", "--workspace", ws, "--name", "Data Literacy", "--description", "Reads data.",
            "--criteria", "Do it.", "--rubric", folder.path("rubric.json"),
        ])
        let submit = try LearningWorkspace.expectOK([
            "submit", "--workspace", ws, "--achievement", "data-literacy", "--learner", "did:example:ada",
            "--name", "Ada Learner", "--evidence", "analysis=https://example.org/a",
        ])
        let id = String(submit.standardOutput.split(separator: " ")[1].dropLast())
        try LearningWorkspace.expectOK([
            "review", "--workspace", ws, id, "--reviewer", "Sam", "--level", "analysis=proficient",
            "--level", "communication=proficient",
        ])
        let award = try LearningWorkspace.expectOK(["award", "--workspace", ws, id, "--out", folder.path("ada.jwt")])
        let credentialID = String(award.standardOutput.split(separator: "\n")[0].split(separator: " ")[1])
        #expect(try folder.read("ada.jwt").hasPrefix("eyJ"))
        try LearningWorkspace.expectOK(["certificate", folder.path("ada.jwt"), "--html", folder.path("a.html")])
        try LearningWorkspace.expectOK(["certificate", "--workspace", ws, credentialID, "--html", folder.path("b.html")])
        for page in ["a.html", "b.html"] {
            let html = try folder.read(page)
            #expect(html.contains("Ada Learner"))
            #expect(html.contains("<th scope=\"row\">Analysis</th><td>Proficient</td>"))
        }
        let unknown = try LaurelBinary.run([
            "certificate", "--workspace", ws, "urn:uuid:unknown", "--html", folder.path("c.html"),
        ])
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("'urn:uuid:unknown' is neither a credential file nor a credential"))
    }

    /// The pages a learner sees: rubric, feedback and certificate, written by the CLI.
    static func writePages(_ w: LearningWorkspace) throws -> [(name: String, path: String, expected: [String])] {
        let submission = try w.submit([
            "--achievement", "data-literacy", "--learner", "ada@example.org", "--name", "Ada <Learner>",
            "--evidence", "analysis=\(w.folder.path("brief.txt"))", "--evidence", "communication=https://example.org/ada",
        ])
        _ = try w.laurel([
            "review", submission, "--reviewer", "Sam", "--level", "analysis=proficient", "--level", "communication=developing",
            "--feedback", "analysis=Your method is sound.", "--next-step", "communication=Label the chart axes.",
        ])
        let second = try w.submit([
            "--achievement", "data-literacy", "--learner", "ada@example.org", "--name", "Ada <Learner>",
            "--evidence", "communication=https://example.org/v2",
        ])
        _ = try w.laurel([
            "review", second, "--reviewer", "Sam", "--level", "analysis=proficient", "--level", "communication=proficient",
        ])
        try LearningWorkspace.expectOK(["award", "--workspace", w.ws, second, "--out", w.folder.path("ada.json")])
        try LearningWorkspace.expectOK([
            "rubric", "--workspace", w.ws, "data-literacy", "--html", w.folder.path("rubric.html"),
        ])
        try LearningWorkspace.expectOK([
            "feedback", "--workspace", w.ws, submission, "--html", w.folder.path("feedback.html"),
        ])
        try LearningWorkspace.expectOK([
            "certificate", w.folder.path("ada.json"), "--html", w.folder.path("certificate.html"),
        ])
        return [
            ("rubric", w.folder.path("rubric.html"),
             ["Data Literacy: how it is assessed", "Required level", "Explains what the data shows and its limits.",
              "<strong>Proficient</strong> or higher:", "<li>Communication</li>"]),
            ("feedback", w.folder.path("feedback.html"),
             ["Not yet.", "Label the chart axes.", "Your method is sound.", "Your attempts"]),
            ("certificate", w.folder.path("certificate.html"),
             ["Ada &lt;Learner&gt;", "Data Literacy", "Example College", "Verify this certificate"]),
        ]
    }

    @Test("rubric, feedback and certificate pages are written, escaped and accessible")
    func pages() throws {
        let w = try LearningWorkspace()
        for page in try Self.writePages(w) {
            let html = try String(contentsOfFile: page.path, encoding: .utf8)
            for text in page.expected { #expect(html.contains(text), "\(page.name) lacks \(text)") }
            #expect(html.contains("<html lang=\"en\">"))
            #expect(html.contains("@media print"))
            #expect(!html.contains("Ada <Learner>"))
        }
        let feedback = try String(contentsOfFile: w.folder.path("feedback.html"), encoding: .utf8)
        #expect(feedback.contains("<caption>Your level and the required level for each criterion</caption>"))
        #expect(feedback.contains("<th scope=\"row\">Communication</th>"))
        let certificate = try String(contentsOfFile: w.folder.path("certificate.html"), encoding: .utf8)
        #expect(certificate.contains("@page { size: landscape"))
    }

    @Test(
        "rubric, feedback and certificate pages render in headless Chromium at 1200 and 390 px wide, with screenshots in .build/artefacts",
        .enabled(
            if: Chromium.executable != nil,
            "chromium is not installed, so the pages were NOT checked in a browser (apt-get install -y chromium)"))
    func browser() throws {
        let chromium = try #require(Chromium.executable)
        let w = try LearningWorkspace()
        let artefacts = Chromium.artefactsFolder
        try FileManager.default.createDirectory(atPath: artefacts, withIntermediateDirectories: true)
        for page in try Self.writePages(w) {
            let url = URL(fileURLWithPath: page.path).absoluteString
            let dom = try Chromium.run(chromium, ["--dump-dom", url])
            #expect(dom.status == 0, "\(page.name): \(dom.standardError.suffix(500))")
            for text in page.expected { #expect(dom.standardOutput.contains(text), "\(page.name) in Chromium lacks \(text)") }
            #expect(dom.standardOutput.contains("<table"), "\(page.name): no table in the rendered DOM")
            let screenshot = artefacts + "/learning-\(page.name).png"
            try? FileManager.default.removeItem(atPath: screenshot)
            let shot = try Chromium.run(chromium, ["--screenshot=\(screenshot)", "--window-size=1200,1600", url])
            #expect(shot.status == 0, "\(page.name): \(shot.standardError.suffix(500))")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: screenshot))
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(page.name): the screenshot is not a PNG")
            #expect(bytes.count > 10_000, "\(page.name): the screenshot is suspiciously small")
            try Self.checkPhoneWidth(page, chromium: chromium, folder: w.folder, artefacts: artefacts)
        }
    }

    /// The page at a 390 px wide window (a phone): a screenshot in .build/artefacts, the narrow-screen media
    /// query in its CSS, no fixed minimum width, and, measured in Chromium, no element reaching past the right
    /// edge (outside a box that scrolls by itself). Headless Chromium lays a page out at least 500 px wide
    /// whatever the window, so the measurement loads a copy of the page, with a probe script, in a 390 px
    /// wide `srcdoc` frame; the probe writes its findings into the outer page, which `--dump-dom` prints.
    static func checkPhoneWidth(
        _ page: (name: String, path: String, expected: [String]), chromium: String, folder: ScratchFolder,
        artefacts: String
    ) throws {
        let html = try String(contentsOfFile: page.path, encoding: .utf8)
        #expect(html.contains("@media (max-width: 40rem)"), "\(page.name): no narrow-screen media query")
        #expect(!html.contains("min-width"), "\(page.name): something has a fixed minimum width")
        let url = URL(fileURLWithPath: page.path).absoluteString
        let screenshot = artefacts + "/learning-\(page.name)-390.png"
        try? FileManager.default.removeItem(atPath: screenshot)
        let shot = try Chromium.run(chromium, ["--screenshot=\(screenshot)", "--window-size=390,1600", url])
        #expect(shot.status == 0, "\(page.name) at 390 px: \(shot.standardError.suffix(500))")
        #expect(FileManager.default.fileExists(atPath: screenshot), "\(page.name): no 390 px screenshot")

        let probe = """
            <script>
            (function () {
              var width = document.documentElement.clientWidth, wide = [];
              document.querySelectorAll("body *").forEach(function (element) {
                if (element.closest(".scroll")) return;
                if (element.getBoundingClientRect().right > width + 1) {
                  wide.push(element.tagName.toLowerCase() + (element.className ? "." + element.className : ""));
                }
              });
              var out = parent.document.createElement("pre");
              out.id = "layout-probe";
              out.textContent = "scrollWidth=" + document.documentElement.scrollWidth + " clientWidth=" + width
                + " wide=[" + wide.slice(0, 8).join(" ") + "]";
              parent.document.body.appendChild(out);
            })();
            </script>
            </body>
            """
        let probed = html.replacingOccurrences(of: "</body>", with: probe)
            .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
        let frame = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>390 px probe</title></head>
            <body style="margin: 0"><iframe title="page" width="390" height="1600" style="border: 0" srcdoc="\(probed)"></iframe>
            </body></html>
            """
        let probePath = try folder.write("probe-\(page.name).html", frame)
        let dom = try Chromium.run(chromium, [
            "--window-size=1200,1600", "--dump-dom", URL(fileURLWithPath: probePath).absoluteString,
        ])
        let marker = "<pre id=\"layout-probe\">"
        let report = try #require(
            dom.standardOutput.components(separatedBy: marker).dropFirst().first?.components(separatedBy: "</pre>").first,
            "\(page.name): the layout probe did not run: \(dom.standardError.suffix(500))")
        func number(_ key: String) -> Int? {
            guard let range = report.range(of: key + "=") else { return nil }
            return Int(report[range.upperBound...].prefix { $0.isNumber })
        }
        let scrollWidth = try #require(number("scrollWidth"), "\(report)")
        let clientWidth = try #require(number("clientWidth"), "\(report)")
        #expect(clientWidth == 390, "\(page.name): the frame was not 390 px wide: \(report)")
        #expect(scrollWidth <= clientWidth, "\(page.name) scrolls sideways at 390 px: \(report)")
        #expect(report.hasSuffix("wide=[]"), "\(page.name) has elements past the right edge at 390 px: \(report)")
    }
}

/// Headless Chromium (Debian's `chromium` package), when installed.
enum Chromium {
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    /// `.build/artefacts` in the package.
    static var artefactsFolder: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/artefacts").path
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> LaurelBinary.Result {
        let process = Process()
        // A hung browser must not hang the test run: `timeout` stops it after two minutes.
        let timeout = "/usr/bin/timeout"
        let hasTimeout = FileManager.default.isExecutableFile(atPath: timeout)
        process.executableURL = URL(fileURLWithPath: hasTimeout ? timeout : executable)
        // No sandbox: test containers run as root, where Chromium's sandbox cannot start.
        process.arguments = (hasTimeout ? ["120", executable] : []) + ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"]
            + arguments
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("laurel-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        process.arguments? += ["--user-data-dir=\(home.path)"]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return LaurelBinary.Result(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }
}
