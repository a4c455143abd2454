using System.Text;
using CodeIdentityBuild;

// Usage: CodeIdentity REQUEST OUTPUT.cs
// REQUEST has tab-separated lines: `project NAME`, `file RELATIVE-PATH FULL-PATH`, `package ID VERSION` (a
// reference; VERSION may be empty under central package management) and `version ID VERSION` (a central version).
// OUTPUT is rewritten only when its text changes, so an unchanged project is not recompiled.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: CodeIdentity REQUEST OUTPUT.cs");
    return 2;
}

var project = string.Empty;
var files = new List<(string Path, string Text)>();
var references = new List<(string Id, string Version)>();
var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
foreach (var line in File.ReadAllLines(args[0]))
{
    var parts = line.Split('\t');
    switch (parts[0])
    {
        case "project" when parts.Length == 2:
            project = parts[1];
            break;
        case "file" when parts.Length == 3:
            files.Add((parts[1], File.ReadAllText(parts[2])));
            break;
        case "package" when parts.Length == 3:
            references.Add((parts[1], parts[2]));
            break;
        case "version" when parts.Length == 3:
            versions[parts[1]] = parts[2];
            break;
        default:
            Console.Error.WriteLine($"{args[0]}: unreadable line '{line}'");
            return 2;
    }
}

var packages = references.Select(r => $"{r.Id} {(r.Version.Length > 0 ? r.Version : versions.GetValueOrDefault(r.Id, "?"))}");
var text = ProjectDigest.Compute(project, files, packages).ToAssemblyAttributes();
if (!File.Exists(args[1]) || File.ReadAllText(args[1]) != text)
{
    var temporary = args[1] + ".tmp";
    File.WriteAllText(temporary, text, new UTF8Encoding(false));
    File.Move(temporary, args[1], overwrite: true);
}

return 0;
