import dagre from '@dagrejs/dagre';
import { Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import type { LineageNode } from './lineage-nodes.js';

/*
 * The run's lineage as a graph. This module is loaded on demand (React.lazy): @xyflow/react and dagre stay out of the
 * dashboard's first JavaScript.
 */

type GraphNode = Node<{ node: LineageNode }, 'lineage'>;

const nodeWidth = 180;
const nodeHeight = 116;

/** One node: what it is, its value (a link to the system's page when there is one), and a detail line. */
function LineageNodeView({ data }: NodeProps<GraphNode>) {
  const { node } = data;
  return (
    <div className="lineage-node" data-node={node.id} title={node.value}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <small>{node.label}</small>
      {node.href ? (
        <a href={node.href} target="_blank" rel="noopener noreferrer" aria-label={`${node.label} ${node.short} (${node.value}; opens the system's page)`}>
          {node.short}
        </a>
      ) : (
        <span>{node.short}</span>
      )}
      {node.detail ? <small className="lineage-node-detail">{node.detail}</small> : null}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

const nodeTypes = { lineage: LineageNodeView };

/** Place the chain's nodes left to right with dagre, one edge from each node to the next. */
function layout(chain: LineageNode[]): { nodes: GraphNode[]; edges: Edge[] } {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 28, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of chain) g.setNode(n.id, { width: nodeWidth, height: nodeHeight });
  const edges: Edge[] = chain.slice(1).map((n, i) => {
    const from = chain[i]?.id ?? n.id;
    g.setEdge(from, n.id);
    return { id: `${from}->${n.id}`, source: from, target: n.id, focusable: false };
  });
  dagre.layout(g);
  const nodes = chain.map((n): GraphNode => {
    const { x, y } = g.node(n.id) as { x: number; y: number };
    return { id: n.id, type: 'lineage', position: { x: x - nodeWidth / 2, y: y - nodeHeight / 2 }, data: { node: n }, width: nodeWidth, height: nodeHeight };
  });
  return { nodes, edges };
}

/** The lineage chain as a graph laid out by dagre, each node linking to the system that holds it. */
export default function LineageGraph({ chain }: { chain: LineageNode[] }) {
  const { nodes, edges } = useMemo(() => layout(chain), [chain]);
  return (
    <div className="lineage-graph" data-testid="lineage-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.05, maxZoom: 1 }}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        panOnDrag={false}
        zoomOnScroll={false}
        zoomOnPinch={false}
        zoomOnDoubleClick={false}
        preventScrolling={false}
      />
    </div>
  );
}
