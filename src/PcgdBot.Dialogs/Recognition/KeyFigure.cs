using System.Globalization;

namespace PcgdBot.Dialogs.Recognition;

/// <summary>
/// A figure a user reports: "80%", "98,5%", "3 lớp", "45 học viên", "1.200 người".
/// <see cref="Text"/> is the part of the message it was read from, as typed.
/// </summary>
public sealed record KeyFigure(decimal Value, string? Unit, bool IsPercent, string Text)
{
    private static readonly NumberFormatInfo Vietnamese = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        NumberGroupSizes = [3],
        NegativeSign = "-",
    };

    /// <summary>The figure written the Vietnamese way: "80%", "98,5%", "3 lớp", "1.200 người".</summary>
    public string Display
    {
        get
        {
            var number = FormatNumber(Value);
            if (IsPercent)
            {
                return number + "%";
            }

            return string.IsNullOrEmpty(Unit) ? number : number + " " + Unit;
        }
    }

    /// <summary>A number written the Vietnamese way: dot for thousands, comma for decimals ("1.200", "98,5").</summary>
    public static string FormatNumber(decimal value) => value.ToString("#,##0.##########", Vietnamese);

    public override string ToString() => Display;
}
