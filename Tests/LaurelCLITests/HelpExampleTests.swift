import ArgumentParser
import Foundation
@testable import laurel
import Testing

/// Every example in every `--help` can be pasted as printed: it stays on whole lines at argument-parser's
/// 80-column wrapping, and it parses (options, values and `validate()`) with the command's own parser.
@Suite struct HelpExampleTests {
    /// Every command and subcommand.
    static func commands(_ root: any ParsableCommand.Type = Laurel.self) -> [any ParsableCommand.Type] {
        [root] + root.configuration.subcommands.flatMap { commands($0) }
    }

    /// The examples of a help text: lines that start with `laurel ` (after indentation), joined with their
    /// `\`-continued lines, without a trailing `# comment` or a redirection.
    static func examples(in text: String) -> [String] {
        var out: [String] = []
        var current: String? = nil
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if current == nil {
                guard line.hasPrefix("laurel ") || line.hasPrefix("$ laurel ") else { continue }
                current = line.hasPrefix("$ ") ? String(line.dropFirst(2)) : line
            } else {
                current! += " " + line
            }
            if current!.hasSuffix("\\") {
                current!.removeLast()
            } else {
                out.append(current!)
                current = nil
            }
        }
        return out
    }

    /// Shell words (double and single quotes), up to a `#` comment, `>`, `|` or `&&`.
    static func words(_ command: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character? = nil
        for character in command {
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
                continue
            }
            switch character {
            case "\"", "'":
                quote = character
                inWord = true
            case " ", "\t":
                if inWord { words.append(word) }
                word = ""
                inWord = false
            case "#", ">", "|", "&" where !inWord:
                return words
            default:
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    @Test("6: help text is never hard-wrapped inside argument-parser's 80 columns: a line over 80 is a whole paragraph")
    func lineLengths() {
        for command in Self.commands() {
            let lines = command.configuration.discussion.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() where line.count > 80 {
                let next = index + 1 < lines.count ? lines[index + 1] : ""
                if !next.allSatisfy(\.isWhitespace) || line.first == " " {
                    Issue.record("\(command): \(line.count) columns, re-wrapped in the middle of a paragraph: \(line.prefix(60))…")
                }
            }
        }
    }

    @Test("6: every help example stays whole at 80 columns and parses with its command")
    func examplesParse() throws {
        var checked = 0
        for command in Self.commands() {
            let discussion = command.configuration.discussion
            let rendered = Laurel.helpMessage(for: command, columns: 80)
            let renderedLines = Set(rendered.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
            for raw in discussion.split(separator: "\n") where raw.trimmingCharacters(in: .whitespaces).hasPrefix("laurel ") {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if !renderedLines.contains(line) {
                    Issue.record("\(command): the example line is re-wrapped at 80 columns: \(line)")
                }
            }
            for example in Self.examples(in: discussion) {
                let arguments = Array(Self.words(example).dropFirst())
                do {
                    _ = try Laurel.parseAsRoot(arguments)
                    checked += 1
                } catch {
                    Issue.record("\(command): `\(example)` does not parse: \(Laurel.message(for: error))")
                }
            }
        }
        #expect(checked >= 30, "only \(checked) examples found")
        print("help examples checked: \(checked)")
    }
}
