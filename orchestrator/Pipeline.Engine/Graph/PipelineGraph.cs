namespace Pipeline.Engine.Graph;

/// <summary>The stage DAG derived from the data wiring (<c>inputs</c>) and explicit ordering (<c>after</c>).</summary>
public sealed class PipelineGraph
{
    private readonly List<string> _nodes;
    private readonly Dictionary<string, List<string>> _upstream;
    private readonly Dictionary<string, List<string>> _downstream;

    /// <summary>Builds the graph; <paramref name="nodes"/> in file order, <paramref name="edges"/> as (from upstream, to downstream).</summary>
    public PipelineGraph(IEnumerable<string> nodes, IEnumerable<(string From, string To)> edges)
    {
        _nodes = nodes.ToList();
        _upstream = _nodes.ToDictionary(n => n, _ => new List<string>(), StringComparer.Ordinal);
        _downstream = _nodes.ToDictionary(n => n, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (from, to) in edges)
        {
            if (!_upstream.ContainsKey(from) || !_upstream.TryGetValue(to, out var ups) || ups.Contains(from))
            {
                continue;
            }

            ups.Add(from);
            _downstream[from].Add(to);
        }
    }

    /// <summary>Stage ids in file order.</summary>
    public IReadOnlyList<string> Nodes => _nodes;

    /// <summary>Direct upstream stages of <paramref name="node"/>.</summary>
    public IReadOnlyList<string> Upstream(string node) => _upstream[node];

    /// <summary>Direct downstream stages of <paramref name="node"/>.</summary>
    public IReadOnlyList<string> Downstream(string node) => _downstream[node];

    /// <summary>Every cycle, each as the path of stage ids that closes on its first element.</summary>
    public IReadOnlyList<IReadOnlyList<string>> FindCycles()
    {
        var cycles = new List<IReadOnlyList<string>>();
        foreach (var component in StronglyConnectedComponents())
        {
            if (component.Count > 1 || _upstream[component[0]].Contains(component[0]))
            {
                cycles.Add(CyclePath(component));
            }
        }

        return cycles;
    }

    /// <summary>A topological order that keeps file order among independent stages. Throws on a cycle.</summary>
    public IReadOnlyList<string> TopologicalOrder()
    {
        var index = _nodes.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        var remaining = _nodes.ToDictionary(n => n, n => _upstream[n].Count, StringComparer.Ordinal);
        var ready = new PriorityQueue<string, int>();
        foreach (var node in _nodes.Where(n => remaining[n] == 0))
        {
            ready.Enqueue(node, index[node]);
        }

        var order = new List<string>(_nodes.Count);
        while (ready.TryDequeue(out var node, out _))
        {
            order.Add(node);
            foreach (var next in _downstream[node])
            {
                if (--remaining[next] == 0)
                {
                    ready.Enqueue(next, index[next]);
                }
            }
        }

        if (order.Count != _nodes.Count)
        {
            throw new InvalidOperationException("the pipeline graph has a cycle");
        }

        return order;
    }

    /// <summary><paramref name="target"/> and everything it needs, in topological order.</summary>
    public IReadOnlyList<string> Closure(string target)
    {
        var needed = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([target]);
        while (stack.TryPop(out var node))
        {
            if (needed.Add(node))
            {
                foreach (var up in _upstream[node])
                {
                    stack.Push(up);
                }
            }
        }

        return TopologicalOrder().Where(needed.Contains).ToList();
    }

    private List<List<string>> StronglyConnectedComponents()
    {
        // Tarjan's algorithm, iterative so deep graphs (thousands of stages) do not overflow the stack.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var result = new List<List<string>>();
        var counter = 0;

        foreach (var root in _nodes)
        {
            if (index.ContainsKey(root))
            {
                continue;
            }

            var work = new Stack<(string Node, int Child)>();
            work.Push((root, 0));
            while (work.Count > 0)
            {
                var (node, child) = work.Pop();
                if (child == 0)
                {
                    index[node] = low[node] = counter++;
                    stack.Push(node);
                    onStack.Add(node);
                }

                var next = _downstream[node];
                if (child < next.Count)
                {
                    work.Push((node, child + 1));
                    var w = next[child];
                    if (!index.TryGetValue(w, out var wIndex))
                    {
                        work.Push((w, 0));
                    }
                    else if (onStack.Contains(w))
                    {
                        low[node] = Math.Min(low[node], wIndex);
                    }

                    continue;
                }

                if (low[node] == index[node])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != node);
                    component.Sort((a, b) => _nodes.IndexOf(a).CompareTo(_nodes.IndexOf(b)));
                    result.Add(component);
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }
            }
        }

        return result;
    }

    private List<string> CyclePath(List<string> component)
    {
        var members = component.ToHashSet(StringComparer.Ordinal);
        var start = component[0];
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var node))
        {
            foreach (var next in _downstream[node].Where(members.Contains))
            {
                if (next == start)
                {
                    var path = new List<string> { start };
                    for (var n = node; n != start; n = previous[n])
                    {
                        path.Insert(1, n);
                    }

                    path.Add(start);
                    return path;
                }

                if (previous.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return [start, start];
    }
}
