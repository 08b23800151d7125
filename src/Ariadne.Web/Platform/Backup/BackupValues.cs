namespace Ariadne.Web.Platform.Backup;

/// <summary>
/// One value of a backed-up column, in the model's own type (the entity's property type, before any provider's
/// conversion): the same backup then loads into SQLite or PostgreSQL. A tag byte says the type.
/// </summary>
internal static class BackupValues
{
    private const byte Null = 0, Text = 1, Bytes = 2, Uuid = 3, Boolean = 4, Integer = 5, Instant = 6, Date = 7, Decimal = 8,
        Double = 9, DateTimeValue = 10, Time = 11, Duration = 12, Single = 13;

    public static void Write(BinaryWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.Write(Null);
                break;
            case string s:
                writer.Write(Text);
                writer.Write(s);
                break;
            case byte[] b:
                writer.Write(Bytes);
                writer.Write7BitEncodedInt(b.Length);
                writer.Write(b);
                break;
            case Guid g:
                writer.Write(Uuid);
                Span<byte> guid = stackalloc byte[16];
                g.TryWriteBytes(guid);
                writer.Write(guid);
                break;
            case bool b:
                writer.Write(Boolean);
                writer.Write(b);
                break;
            case Enum or sbyte or byte or short or ushort or int or uint or long:
                writer.Write(Integer);
                writer.Write(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset d:
                writer.Write(Instant);
                writer.Write(d.Ticks);
                writer.Write((short)d.Offset.TotalMinutes);
                break;
            case DateOnly d:
                writer.Write(Date);
                writer.Write(d.DayNumber);
                break;
            case decimal d:
                writer.Write(Decimal);
                writer.Write(d);
                break;
            case double d:
                writer.Write(Double);
                writer.Write(d);
                break;
            case DateTime d:
                writer.Write(DateTimeValue);
                writer.Write(d.ToBinary());
                break;
            case TimeOnly t:
                writer.Write(Time);
                writer.Write(t.Ticks);
                break;
            case TimeSpan t:
                writer.Write(Duration);
                writer.Write(t.Ticks);
                break;
            case float f:
                writer.Write(Single);
                writer.Write(f);
                break;
            default:
                throw new NotSupportedException($"A column of type {value.GetType().Name} cannot be backed up.");
        }
    }

    /// <summary>The value read back, converted to <paramref name="type"/> (the property's type, nullable or not).</summary>
    public static object? Read(BinaryReader reader, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        var tag = reader.ReadByte();
        return tag switch
        {
            Null => null,
            Text => reader.ReadString(),
            Bytes => reader.ReadBytes(reader.Read7BitEncodedInt()),
            Uuid => new Guid(reader.ReadBytes(16)),
            Boolean => reader.ReadBoolean(),
            Integer => reader.ReadInt64() is var n && target.IsEnum ? Enum.ToObject(target, n)
                : Convert.ChangeType(n, target, System.Globalization.CultureInfo.InvariantCulture),
            Instant => new DateTimeOffset(reader.ReadInt64(), TimeSpan.FromMinutes(reader.ReadInt16())),
            Date => DateOnly.FromDayNumber(reader.ReadInt32()),
            Decimal => reader.ReadDecimal(),
            Double => reader.ReadDouble(),
            DateTimeValue => DateTime.FromBinary(reader.ReadInt64()),
            Time => new TimeOnly(reader.ReadInt64()),
            Duration => new TimeSpan(reader.ReadInt64()),
            Single => reader.ReadSingle(),
            _ => throw new BackupFileException("the backup's contents are damaged (an unknown value type)"),
        };
    }
}
