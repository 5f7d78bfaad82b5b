using System.Diagnostics;

namespace PcgdBot.Reports.Tests.Support;

/// <summary>
/// LibreOffice headless (Debian libreoffice-writer-nogui, installed by .ci/run) and poppler's tools: a DOCX as the
/// reader sees it. Each conversion uses its own profile folder so parallel tests and a running LibreOffice never clash.
/// </summary>
public static class PdfRenderer
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Converts <paramref name="docx"/> in <paramref name="folder"/> and returns the PDF's path.</summary>
    public static async Task<string> ToPdfAsync(string docx, string folder)
    {
        var profile = Path.Combine(folder, "lo-profile");
        await RunAsync("soffice", ["-env:UserInstallation=" + new Uri(profile).AbsoluteUri, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", folder, docx]);
        var pdf = Path.Combine(folder, Path.GetFileNameWithoutExtension(docx) + ".pdf");
        Assert.True(File.Exists(pdf), "soffice made no PDF");
        return pdf;
    }

    public static async Task<int> PageCountAsync(string pdf)
    {
        var info = await RunAsync("pdfinfo", [pdf]);
        var line = info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static Task<string> TextAsync(string pdf, int firstPage, int lastPage) =>
        RunAsync("pdftotext", ["-layout", "-f", firstPage.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", lastPage.ToString(System.Globalization.CultureInfo.InvariantCulture), pdf, "-"]);

    /// <summary>Page 1 as a PNG (the README's picture).</summary>
    public static async Task<string> FirstPagePngAsync(string pdf, string prefix, int dpi)
    {
        await RunAsync("pdftoppm", ["-png", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", "1", "-l", "1", "-singlefile", pdf, prefix]);
        return prefix + ".png";
    }

    private static async Task<string> RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new InvalidOperationException($"{program} is not installed: run .ci/run (it installs libreoffice-writer-nogui and poppler-utils). {error.Message}", error);
        }

        using (process)
        {
            using var timeout = new CancellationTokenSource(Timeout);
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} did not finish in {Timeout}");
            }

            Assert.True(process.ExitCode == 0, $"{program} failed ({process.ExitCode}): {await errors}");
            return await output;
        }
    }
}
