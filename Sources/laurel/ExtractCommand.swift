import ArgumentParser
import BadgeIssuer
import OpenBadges

/// `laurel extract IMAGE [--out FILE]`: the credential baked into a badge image.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the credential baked into a PNG or SVG badge image.",
        discussion: """
            The credential is given back exactly as it was baked: JSON with an embedded
            proof, or a compact JWS. Extracting does not check it; run laurel verify on
            the image or the extracted file for that. An image with no credential, with
            two, or with a broken structure (a PNG chunk whose length lies, an SVG with
            entity declarations) is refused with the reason, and nothing is written.

            Examples:
              laurel extract ada-badge.png
              laurel extract ada-badge.svg --out ada.json
            """)

    @Argument(help: ArgumentHelp("The badge image ('-' for standard input).", valueName: "image"))
    var image: String

    @Option(help: ArgumentHelp("Write the credential to this file instead of standard output.", valueName: "file"))
    var out: String?

    @Flag(help: "Replace --out if it exists.")
    var force = false

    func validate() throws {
        if let out, out == image { throw ValidationError("--out would overwrite the image itself; choose another file") }
    }

    func run() throws {
        do {
            try OutputFile.checkWritable(out, force: force)
            let bytes = try Console.readInput(image, limit: 256 * 1024 * 1024)
            let extracted = try BadgeImages.extract(from: bytes, source: image)
            var text = extracted.text
            if !text.hasSuffix("\n") { text += "\n" }
            try OutputFile.write(Array(text.utf8), to: out, force: force)
            if let out, out != "-" {
                Console.error("Extracted the credential from the \(extracted.kind.rawValue.uppercased()) image into \(out)")
            }
        } catch let error as IssuerError {
            throw CLIError(error.description)
        }
    }
}
