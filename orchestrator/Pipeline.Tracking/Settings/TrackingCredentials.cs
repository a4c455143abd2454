using System.Net.Http.Headers;
using System.Text;

namespace Pipeline.Tracking.Settings;

/// <summary>
/// Bearer or Basic credentials. Kept internal and never printed: <see cref="ToString"/> shows only the scheme.
/// </summary>
internal sealed class TrackingCredentials
{
    private readonly string _scheme;
    private readonly string _parameter;

    private TrackingCredentials(string scheme, string parameter)
    {
        _scheme = scheme;
        _parameter = parameter;
    }

    public string Scheme => _scheme;

    public static TrackingCredentials Bearer(string token) => new("Bearer", token);

    public static TrackingCredentials Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    public AuthenticationHeaderValue ToHeader() => new(_scheme, _parameter);

    public override string ToString() => _scheme + " ***";
}
