import ArgumentParser
import BadgeIssuer
import OpenBadges

/// `laurel bake CREDENTIAL --out OUT [--image IN]`: put a credential into a badge image.
struct BakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bake",
        abstract: "Bake a credential into a PNG or SVG badge image, so the image carries the badge itself.",
        discussion: """
            CREDENTIAL is a signed Open Badges credential: JSON with an embedded proof, or
            a compact JWS (VC-JWT). It is baked byte for byte: into a PNG as an iTXt chunk
            with the keyword 'openbadgecredential', or into an SVG as an
            <openbadges:credential> element (Open Badges 3.0, "Baked Badge"). An image
            that already carries a credential gets this one instead, so an image never
            carries two.

            Without --image, Laurel draws a clean default SVG badge from the achievement's
            and the issuer's names. The output is written whole or not at all.

            Examples:
              laurel bake credentials/ada.json --image logo.png --out ada-badge.png
              laurel bake credentials/ada.json --out ada-badge.svg
            """)

    @Argument(help: ArgumentHelp("The signed credential (.json or .jwt).", valueName: "credential"))
    var credential: String

    @Option(help: ArgumentHelp("The image to bake into (PNG or SVG); default: a drawn SVG badge.", valueName: "image"))
    var image: String?

    @Option(help: ArgumentHelp("Where to write the baked image.", valueName: "file"))
    var out: String

    @Flag(help: "Replace --out if it exists.")
    var force = false

    func validate() throws {
        if out == credential || (image != nil && out == image && !force) {
            throw ValidationError(out == credential
                ? "--out would overwrite the credential itself; choose another file"
                : "--out is the input image; add --force to replace it")
        }
    }

    func run() throws {
        do {
            let file = try CredentialFile(bytes: try Console.readInput(credential), source: credential)
            let imageBytes = try image.map { path throws(IssuerError) in try FileIO.read(path) }
            let baked = try BadgeImages.bake(file, into: imageBytes, imageSource: image ?? "the default badge")
            let lowered = out.lowercased()
            if baked.kind == .svg && lowered.hasSuffix(".png") || baked.kind == .png && lowered.hasSuffix(".svg") {
                throw CLIError(
                    "\(out): the baked image is \(baked.kind == .svg ? "an SVG" : "a PNG"); name the output ."
                        + (baked.kind == .svg ? "svg" : "png")
                        + (image == nil ? " (the default badge is an SVG; give --image IN.png for a PNG)" : ""))
            }
            try OutputFile.write(baked.bytes, to: out, force: force)
            var note = baked.isDefaultImage ? " (default badge image)" : ""
            if baked.replacedCredential { note += "; the credential that was in the image was replaced" }
            Console.error("Baked \(file.id ?? credential) into \(out)\(note)")
        } catch let error as IssuerError {
            throw CLIError(error.description)
        }
    }
}

/// Writing a command's output: standard output for nil or "-", else a file written whole or not at all.
enum OutputFile {
    static func write(_ bytes: [UInt8], to path: String?, force: Bool) throws {
        guard let path, path != "-" else {
            Console.writeBytes(bytes)
            return
        }
        if FileIO.isDirectory(path) {
            throw CLIError("\(path): is a folder; give a file name")
        }
        do {
            try FileIO.write(bytes, to: path, overwrite: force)
        } catch {
            throw CLIError(error.description)
        }
    }

    /// Fails before any work is done when `path` exists and may not be replaced.
    static func checkWritable(_ path: String?, force: Bool) throws {
        guard let path, path != "-" else { return }
        if FileIO.isDirectory(path) { throw CLIError("\(path): is a folder; give a file name") }
        if FileIO.exists(path) && !force {
            throw CLIError("\(path): the file already exists (use --force to replace it)")
        }
    }
}
