using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ariadne.Web.Platform.Api;

/// <summary>
/// Enums in API bodies: by name only (as <see cref="JsonStringEnumConverter"/> with integers refused), and one declared
/// name only. The framework's converter reads "OwnHome, Family" as the two or-ed together, which can be a third member
/// ("AnotherShelter"); a [Flags] enum keeps the framework's reading.
/// </summary>
public sealed class ExactEnumJsonConverter : JsonConverterFactory
{
    private readonly JsonStringEnumConverter _names = new(allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        var inner = _names.CreateConverter(typeToConvert, options);
        return typeToConvert.IsDefined(typeof(FlagsAttribute), inherit: false)
            ? inner
            : (JsonConverter?)Activator.CreateInstance(typeof(Exact<>).MakeGenericType(typeToConvert), inner);
    }

    private sealed class Exact<T>(JsonConverter inner) : JsonConverter<T> where T : struct, Enum
    {
        private readonly JsonConverter<T> _inner = (JsonConverter<T>)inner;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } text && text.Contains(',', StringComparison.Ordinal))
                throw new JsonException($"One {typeof(T).Name} only.");
            var value = _inner.Read(ref reader, typeToConvert, options);
            return Enum.IsDefined(value) ? value : throw new JsonException($"Not a {typeof(T).Name}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _inner.Write(writer, value, options);
    }
}
