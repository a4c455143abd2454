using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pipeline.EndToEnd.Tests.Tracking;

/// <summary>A loopback HTTP server that answers every request 401, as MLflow's auth app does without valid credentials.</summary>
internal sealed class UnauthorizedServer : IDisposable
{
    private readonly HttpListener _listener = new();

    public UnauthorizedServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Uri = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        probe.Stop();
        _listener.Prefixes.Add(Uri + "/");
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public string Uri { get; }

    public int Requests { get; private set; }

    public void Dispose() => _listener.Abort();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            try
            {
                var context = await _listener.GetContextAsync();
                Requests++;
                var body = Encoding.UTF8.GetBytes("{\"error_code\": \"UNAUTHENTICATED\", \"message\": \"You are not authenticated.\"}");
                context.Response.StatusCode = 401;
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
        }
    }
}
