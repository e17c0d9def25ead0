// MSBuild inline task (RoslynCodeTaskFactory, Type="Class").
//
// Why this exists: TorchSharp-cpu 0.107's libLibTorchSharp.so declares a version need on
// GLIBCXX_3.4.32 (libstdc++ of GCC 13) although the only symbol bound to that version,
// std::ios_base_library_init, is referenced merely to pin the version; no relocation uses it.
// glibc-2.28+ hosts with an older libstdc++ (Debian 12, Ubuntu 22.04) refuse to load the library.
// Marking that one Elf64_Vernaux entry VER_FLG_WEAK (0x2) turns the hard requirement into a weak
// one, which the dynamic loader accepts. We patch only the copy in the build output, never the
// NuGet cache, and only when the host libstdc++ lacks the version.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WeakenGlibcxxNeed : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>The library copy in the output folder (may not exist: then nothing happens).</summary>
    [Required] public string Library { get; set; } = "";

    /// <summary>The version whose need is weakened, e.g. GLIBCXX_3.4.32.</summary>
    [Required] public string VersionName { get; set; } = "";

    /// <summary>Host libstdc++ candidates; when any of them defines VersionName, no patch is needed.</summary>
    [Required] public string[] HostLibStdCxx { get; set; } = Array.Empty<string>();

    public override bool Execute()
    {
        if (!File.Exists(Library)) return true;
        if (HostProvides()) return true;
        try
        {
            var bytes = File.ReadAllBytes(Library);
            int offset = FindVernauxFlagsOffset(bytes, out ushort flags);
            if (offset < 0)
            {
                Log.LogMessage(MessageImportance.Low, $"{Library}: no need on {VersionName}; nothing to patch.");
                return true;
            }
            if ((flags & VerFlgWeak) != 0) return true; // already patched: idempotent
            flags |= VerFlgWeak;
            bytes[offset] = (byte)(flags & 0xff);
            bytes[offset + 1] = (byte)(flags >> 8);
            // Write a new file and rename it over the copy: a hard-linked copy would otherwise
            // carry the edit back into the package cache.
            var tmp = Library + ".rait-tmp";
            File.WriteAllBytes(tmp, bytes);
            File.Delete(Library);
            File.Move(tmp, Library);
            Log.LogMessage(MessageImportance.High, $"Rait: marked the {VersionName} need of {Path.GetFileName(Library)} weak (host libstdc++ lacks it).");
            return true;
        }
        catch (InvalidDataException e)
        {
            Log.LogError($"Rait native fix: {Library}: {e.Message} The TorchSharp native library layout is not what this build step expects; see README 'Runs on Debian 12'.");
            return false;
        }
    }

    private bool HostProvides()
    {
        var needle = Encoding.ASCII.GetBytes(VersionName + "\0");
        foreach (var path in HostLibStdCxx)
        {
            if (!File.Exists(path)) continue;
            var data = File.ReadAllBytes(path);
            return IndexOf(data, needle) >= 0; // the first existing candidate is the one the loader uses
        }
        return false;
    }

    /// <summary>Returns the file offset of vna_flags of the Vernaux naming VersionName, or -1.</summary>
    private int FindVernauxFlagsOffset(byte[] b, out ushort flags)
    {
        flags = 0;
        if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file.");
        if (b[4] != 2 || b[5] != 1) throw new InvalidDataException("expected ELF64 little-endian.");
        ulong shoff = U64(b, 0x28);
        int shentsize = U16(b, 0x3A), shnum = U16(b, 0x3C);
        if (shentsize != 64 || shoff == 0 || shoff + (ulong)(shnum * 64) > (ulong)b.Length)
            throw new InvalidDataException("section header table missing or malformed.");
        int found = -1, matches = 0;
        bool sawVerneed = false;
        for (int s = 0; s < shnum; s++)
        {
            int sh = checked((int)shoff + s * 64);
            if (U32(b, sh + 4) != ShtGnuVerneed) continue;
            sawVerneed = true;
            long secOff = (long)U64(b, sh + 24), secSize = (long)U64(b, sh + 32);
            int link = (int)U32(b, sh + 40), count = (int)U32(b, sh + 44);
            if (link >= shnum) throw new InvalidDataException(".gnu.version_r links to a missing string table.");
            long strOff = (long)U64(b, checked((int)shoff + link * 64) + 24);
            long need = secOff;
            for (int i = 0; i < count; i++)
            {
                if (need < secOff || need + 16 > secOff + secSize) throw new InvalidDataException("Elf64_Verneed entry outside .gnu.version_r.");
                int cnt = U16(b, (int)need + 2);
                long aux = need + U32(b, (int)need + 8);
                for (int j = 0; j < cnt; j++)
                {
                    if (aux < secOff || aux + 16 > secOff + secSize) throw new InvalidDataException("Elf64_Vernaux entry outside .gnu.version_r.");
                    string name = CString(b, strOff + U32(b, (int)aux + 8));
                    if (name == VersionName) { found = (int)aux + 4; matches++; }
                    uint next = U32(b, (int)aux + 12);
                    if (next == 0) break;
                    aux += next;
                }
                uint vnNext = U32(b, (int)need + 12);
                if (vnNext == 0) break;
                need += vnNext;
            }
        }
        if (!sawVerneed) throw new InvalidDataException("no .gnu.version_r section.");
        if (matches > 1) throw new InvalidDataException($"{VersionName} is needed {matches} times; expected once.");
        if (found >= 0) flags = U16(b, found);
        return found;
    }

    private static int IndexOf(byte[] hay, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= hay.Length; i++)
        {
            int k = 0;
            while (k < needle.Length && hay[i + k] == needle[k]) k++;
            if (k == needle.Length) return i;
        }
        return -1;
    }

    private static ushort U16(byte[] b, int o) => BitConverter.ToUInt16(b, o);
    private static uint U32(byte[] b, int o) => BitConverter.ToUInt32(b, o);
    private static ulong U64(byte[] b, int o) => BitConverter.ToUInt64(b, o);

    private static string CString(byte[] b, long o)
    {
        if (o < 0 || o >= b.Length) throw new InvalidDataException("version name offset outside the file.");
        int end = Array.IndexOf(b, (byte)0, (int)o);
        if (end < 0) throw new InvalidDataException("unterminated version name.");
        return Encoding.ASCII.GetString(b, (int)o, end - (int)o);
    }
}
