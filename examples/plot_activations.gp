# Draws every activation written by plot_activations: one PNG per activation (f and f') and an
# overview grid of all of them.
#   gnuplot -e "data='DIR'; out='OUTDIR'" examples/plot_activations.gp
if (!exists("data")) data = "."
if (!exists("out")) out = "."
load data."/titles.gp"

names = "identity step sigmoid tanh relu leaky_relu prelu elu selu swish gelu gelu_tanh"
names = names." hardswish hardsigmoid hardtanh relu6 softshrink hardshrink softsign"
f_color = "#1f77b4"
d_color = "#d62728"

set xrange [-5:5]
set grid lc rgb "#dddddd"
set xzeroaxis lt -1 lw 1
set yzeroaxis lt -1 lw 1
set key top left box opaque
set offsets 0, 0, graph 0.05, graph 0.05

set terminal pngcairo size 640,440 font ",11" noenhanced
do for [i = 1:words(names)] {
    name = word(names, i)
    set output out."/".name.".png"
    set title value("title_".name)
    set yrange [*:*]
    plot data."/".name.".dat" using 1:2 with lines lw 2.5 lc rgb f_color title "f(x)", \
         "" using 1:3 with lines lw 2 dt 2 lc rgb d_color title "f'(x)"
}

set output out."/activations.png"
set terminal pngcairo size 1500,1250 font ",10" noenhanced
set multiplot layout 5,5 title "xact activations (solid) and their derivatives (dashed) over [-5, 5]"
unset key
do for [i = 1:words(names)] {
    name = word(names, i)
    set title value("title_".name)
    plot data."/".name.".dat" using 1:2 with lines lw 2 lc rgb f_color, \
         "" using 1:3 with lines lw 1.5 dt 2 lc rgb d_color
}
unset multiplot
set output
