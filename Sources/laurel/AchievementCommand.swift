import ArgumentParser
import BadgeIssuer
import LinkedData
import OpenBadges

/// `laurel achievement new|list|show`.
struct AchievementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "achievement",
        abstract: "Define achievements: what learners earn, with criteria and rubrics.",
        subcommands: [AchievementNew.self, AchievementList.self, AchievementShow.self]
    )
}

struct AchievementNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new achievement file.",
        discussion: """
            Writes achievements/<name>.json in the workspace (or --out FILE). Edit the
            file to add more; it is plain JSON (see
            Schemas/laurel-achievement.schema.json).

            A rubric file is a JSON array of criteria, each with levels from lowest to
            highest and the level required to earn the badge:
              [ { "id": "analysis", "name": "Analysis", "requiredLevel": "proficient",
                  "levels": [ { "id": "developing", "name": "Developing", "points": "1",
                                "description": "Describes the data with help." },
                              { "id": "proficient", "name": "Proficient", "points": "2",
                                "description": "Explains what it shows." } ] } ]

            With --readers 2, each submission waits for two reviews before the rubric
            decides; when the two disagree across a required level, a third decides.

            Examples:
              laurel achievement new --name "Data Literacy" \\
                  --description "Reads and explains data." \\
                  --criteria "Complete the three tasks to the Proficient level." \\
                  --rubric rubric.json --readers 2
              laurel achievement new --name "Teamwork" \\
                  --description "Works well with others." \\
                  --criteria "Peer-reviewed project." \\
                  --alignment "Collaboration=https://example.org/c/1" --out teamwork.json
            """
    )

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "The achievement's name.")
    var name: String

    @Option(help: "What the achievement means.")
    var description: String

    @Option(help: ArgumentHelp("What a learner must do to earn it (Markdown).", valueName: "text"))
    var criteria: String

    @Option(help: ArgumentHelp("Badge, Certificate, Competency, MicroCredential, … (OB achievementType).", valueName: "type"))
    var type: String = "Badge"

    @Option(name: .customLong("tag"), help: "A tag (repeatable).")
    var tags: [String] = []

    @Option(name: .customLong("alignment"), help: ArgumentHelp(
        "A competency this achievement aligns to, as NAME=URL (repeatable).", valueName: "name=url"))
    var alignments: [String] = []

    @Option(help: ArgumentHelp("A JSON file with the rubric (an array of criteria).", valueName: "file"))
    var rubric: String?

    @Option(help: ArgumentHelp("An image URL or a PNG/SVG file path.", valueName: "image"))
    var image: String?

    @Option(help: ArgumentHelp("The achievement's id (a URI); default: under the workspace base URL.", valueName: "uri"))
    var id: String?

    @Option(help: ArgumentHelp("Write here instead of the workspace's achievements folder.", valueName: "file"))
    var out: String?

    @Flag(name: .customLong("without-assessment"), help: ArgumentHelp(
        "Awarded without assessment (attendance, participation): no rubric, and programs may include it."))
    var withoutAssessment = false

    @Option(help: ArgumentHelp(
        "How many reviewers read each submission before the rubric decides (1 to 3; default 1).", valueName: "n"))
    var readers: Int = 1

    @Flag(help: "Replace an achievement file that already exists.")
    var force = false

    func validate() throws {
        guard AchievementDefinition.readerRange.contains(readers) else {
            throw ValidationError("--readers must be 1, 2 or 3, not \(readers)")
        }
    }

    func run() throws {
        var parsedAlignments: [AchievementDefinition.AlignmentTarget] = []
        for text in alignments {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw ValidationError("--alignment '\(text)' is not NAME=URL")
            }
            parsedAlignments.append(.init(
                targetName: String(text[..<equals]), targetUrl: String(text[text.index(after: equals)...])))
        }
        var criteriaList: [AchievementDefinition.Criterion] = []
        if let rubric {
            let bytes = try FileIO.read(rubric)
            do {
                _ = try JSONParser().parse(bytes)
            } catch {
                throw CLIError("\(rubric): not valid JSON (line \(error.line), column \(error.column)): \(error.reason)")
            }
            // Read the rubric through the achievement file reader so its errors name the file and field.
            var wrapper: [UInt8] = Array(#"{"name":"x","description":"x","rubric":"#.utf8)
            wrapper += bytes
            wrapper += Array("}".utf8)
            do {
                criteriaList = try AchievementDefinition(fileBytes: wrapper, file: rubric).rubric
            } catch {
                throw CLIError("\(rubric): \(error.field.map { "\($0): " } ?? "")\(error.reason)")
            }
        }
        let slug = Workspace.slug(name)
        var definition = AchievementDefinition(
            id: id ?? "", name: name, description: description, achievementType: type, criteriaNarrative: criteria,
            image: image, tags: tags, alignments: parsedAlignments, rubric: criteriaList)
        definition.awardedWithoutAssessment = withoutAssessment
        definition.readers = readers
        if withoutAssessment && !criteriaList.isEmpty {
            throw ValidationError("--without-assessment and --rubric contradict each other: give one")
        }
        let path: String
        do {
            if let out {
                if definition.id.isEmpty { definition.id = RandomIdentifiers.uuidURN() }
                var bytes = JSONSerializer(style: .pretty).serialize(definition.fileJSON)
                bytes.append(0x0A)
                try FileIO.write(bytes, to: out, overwrite: force)
                path = out
            } else {
                let opened = try workspace.open()
                if definition.id.isEmpty { definition.id = opened.config.baseURL + "/achievements/" + slug }
                path = try opened.saveAchievement(definition, fileName: slug, replace: force)
            }
            _ = try AchievementDefinition(fileBytes: try FileIO.read(path), file: path)
        } catch let error as IssuerError {
            throw CLIError(error.description)
        }
        Console.write("Wrote \(path)\n  id: \(definition.id)\n")
    }
}

struct AchievementList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the workspace's achievements.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("text, or json (one object per line).", valueName: "format"))
    var format: ListFormat = .text

    func run() throws {
        do {
            let opened = try workspace.open()
            let entries = try opened.achievements()
            if format == .json {
                for entry in entries {
                    let object = JSONObject([
                        "id": .string(entry.definition.id), "name": .string(entry.definition.name),
                        "achievementType": .string(entry.definition.achievementType ?? "Badge"),
                        "rubricCriteria": .number(JSONNumber(entry.definition.rubric.count)), "file": .string(entry.file),
                    ])
                    Console.write(JSONSerializer().serializeToString(.object(object)) + "\n")
                }
                return
            }
            if entries.isEmpty {
                Console.write("No achievements yet. Create one with: laurel achievement new --name … --description … --criteria …\n")
                return
            }
            for entry in entries {
                let rubric = entry.definition.rubric.isEmpty ? "no rubric" : "\(entry.definition.rubric.count) rubric criteria"
                Console.write("\(entry.definition.name)  [\(entry.definition.achievementType ?? "Badge"), \(rubric)]\n  \(entry.file)\n  \(entry.definition.id)\n")
            }
        } catch let error as IssuerError {
            throw CLIError(error.description)
        }
    }
}

struct AchievementShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show an achievement and its rubric, so learners see exactly what is expected.",
        discussion: "ACHIEVEMENT is a file path, a name in achievements/ or an achievement id.")

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: ArgumentHelp("The achievement.", valueName: "achievement"))
    var achievement: String

    func run() throws {
        let definition: AchievementDefinition
        do {
            if FileIO.exists(achievement) && (workspace.path == nil) && (try? workspace.resolve()) == nil {
                definition = try AchievementDefinition(fileBytes: try FileIO.read(achievement), file: achievement)
            } else {
                definition = try workspace.open().achievement(achievement).definition
            }
        } catch let error as IssuerError {
            throw CLIError(error.description)
        }
        Console.write(RubricText.render(definition))
    }
}

/// The plain-text rendering of an achievement and its rubric.
enum RubricText {
    static func render(_ definition: AchievementDefinition) -> String {
        var out = Console.paint(definition.name, .bold) + "  (\(definition.achievementType ?? "Badge"))\n"
        out += "  \(definition.id)\n\n"
        out += wrap(definition.description, indent: "  ") + "\n"
        out += "\n" + Console.paint("How to earn it", .bold) + "\n"
        out += wrap(definition.criteriaNarrative ?? definition.achievement.criteria?.narrative ?? "", indent: "  ") + "\n"
        if !definition.alignments.isEmpty {
            out += "\n" + Console.paint("Aligned to", .bold) + "\n"
            for alignment in definition.alignments {
                out += "  - \(alignment.targetName) <\(alignment.targetUrl)>\n"
            }
        }
        if !definition.rubric.isEmpty {
            out += "\n" + Console.paint("Rubric", .bold) + " (every criterion must reach the level marked ▶ to earn the badge)\n"
            for criterion in definition.rubric {
                out += "\n  " + Console.paint(criterion.name, .bold) + " — required: \(criterion.required?.name ?? criterion.requiredLevel)\n"
                if let text = criterion.description { out += wrap(text, indent: "    ") + "\n" }
                let nameWidth = criterion.levels.map(\.name.count).max() ?? 0
                for level in criterion.levels {
                    let marker = level.id == criterion.requiredLevel ? "▶" : " "
                    let points = level.points.map { "\($0) pt" } ?? ""
                    var line = "   \(marker) \(level.name.padding(to: nameWidth)) \(points.padding(to: 7))"
                    if let text = level.description { line += text }
                    out += line + "\n"
                }
            }
            if definition.readers > 1 {
                out += "\n  Each submission is read by \(definition.readers) reviewers before the rubric decides.\n"
            }
        }
        return out
    }

    static func wrap(_ text: String, indent: String, width: Int = 100) -> String {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = indent
            for word in paragraph.split(separator: " ") {
                if line.count + word.count + 1 > width && line.count > indent.count {
                    lines.append(line)
                    line = indent
                }
                line += (line.count > indent.count ? " " : "") + word
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
