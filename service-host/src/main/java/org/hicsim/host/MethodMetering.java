package org.hicsim.host;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hicsim.host.meter.HeapModel;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Meters one method of a module class, as wasmtime meters WebAssembly with fuel and the EVM with gas: the loader
 * adds the checks to the code, so they run wherever the code runs, and count the same in every JVM.
 * <ul>
 *     <li>At entry, {@code Meter.enter(frameBytes)} spends one unit of fuel and puts the frame's modelled size
 *     on the stack gauge; the method keeps the gauge's value in a local of its own and gives it back at each
 *     return ({@code Meter.exit}).</li>
 *     <li>Before each backward branch ({@code goto}, {@code if…}, a switch to an earlier label),
 *     {@code Meter.loop()} spends one unit: every loop passes one.</li>
 *     <li>Each exception handler is entered through a stub at the method's end, outside every protected range,
 *     which calls {@code Meter.caught(thrown, gauge)} (one unit; a stop is thrown again, so it cannot be caught)
 *     and then jumps to the handler.</li>
 *     <li>Allocations are charged before they happen ({@code new}, arrays by their length, lambdas that
 *     capture), and calls into the JDK by {@link JdkCosts}.</li>
 *     <li>What would read an identity hash goes through {@code Identity} instead: {@code hashCode()} and
 *     {@code toString()} of JDK and kernel classes, {@code String.valueOf(Object)},
 *     {@code StringBuilder.append(Object)}, {@code Objects.hash…}, {@code Arrays.hashCode/toString(Object[])},
 *     string concatenation and records' methods (their bootstraps); exception messages are masked
 *     ({@code Identity.sanitize}); {@code HashMap} and {@code HashSet} become their linked kin, whose order is
 *     the order of insertion, and {@code Set.of}/{@code Map.of} deterministic ones.</li>
 * </ul>
 */
final class MethodMetering
{
    static final String METER = "org/hicsim/host/meter/Meter";
    static final String METER_DESCRIPTOR = "L" + METER + ";";
    static final String METER_FIELD = "$hicsim$meter";
    static final String RESERVED_PREFIX = "$hicsim$";
    static final String IDENTITY = "org/hicsim/host/meter/Identity";
    static final String COLLECTIONS = "org/hicsim/host/meter/DeterministicCollections";
    static final String STRING_CONCAT = "org/hicsim/host/meter/StringConcat";
    static final String RECORD_METHODS = "org/hicsim/host/meter/RecordMethods";

    /** A frame's modelled size: the interpreter's fixed part plus room for the JDK frames between two metered. */
    private static final int FRAME_OVERHEAD_BYTES = 384;
    private static final int SLOT_BYTES = 8;
    /** Stack slots the added code may use above the method's own. */
    private static final int ADDED_STACK_SLOTS = 8;

    private static final String THROWABLE = "java/lang/Throwable";
    private static final String BOOTSTRAP_CONCAT = "java/lang/invoke/StringConcatFactory";
    private static final String BOOTSTRAP_RECORD = "java/lang/runtime/ObjectMethods";
    private static final String BOOTSTRAP_LAMBDA = "java/lang/invoke/LambdaMetafactory";
    private static final String TO_STRING_DESCRIPTOR = "()Ljava/lang/String;";
    private static final String METER_IDENTITY_HASH = "(Ljava/lang/Object;" + METER_DESCRIPTOR + ")I";
    private static final String METER_IDENTITY_TEXT = "(Ljava/lang/Object;" + METER_DESCRIPTOR + ")Ljava/lang/String;";

    /** Static JDK methods that read identities, and the {@code Identity} methods that answer instead. */
    private static final Map<String, String> IDENTITY_STATICS = Map.of(
        "java/lang/String.valueOf(Ljava/lang/Object;)Ljava/lang/String;", "toString",
        "java/util/Objects.toString(Ljava/lang/Object;)Ljava/lang/String;", "toString",
        "java/util/Objects.toString(Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/String;", "toStringOr",
        "java/util/Objects.hashCode(Ljava/lang/Object;)I", "hashCode",
        "java/util/Objects.hash([Ljava/lang/Object;)I", "arrayHash",
        "java/util/Arrays.hashCode([Ljava/lang/Object;)I", "arrayHash",
        "java/util/Arrays.deepHashCode([Ljava/lang/Object;)I", "deepHash",
        "java/util/Arrays.toString([Ljava/lang/Object;)Ljava/lang/String;", "arrayText",
        "java/util/Arrays.deepToString([Ljava/lang/Object;)Ljava/lang/String;", "deepText");

    /** {@code StringBuilder} methods that print an Object, and the String overload they become. */
    private static final Map<String, String> BUILDER_OBJECT_TEXT = Map.of(
        "append(Ljava/lang/Object;)Ljava/lang/StringBuilder;", "(Ljava/lang/String;)Ljava/lang/StringBuilder;",
        "insert(ILjava/lang/Object;)Ljava/lang/StringBuilder;", "(ILjava/lang/String;)Ljava/lang/StringBuilder;");

    private static final Map<String, String> IMMUTABLE_FACTORIES = Map.of(
        "java/util/Set.of", "setOf",
        "java/util/Set.copyOf", "setCopyOf",
        "java/util/Map.of", "mapOf",
        "java/util/Map.ofEntries", "mapOfEntries",
        "java/util/Map.copyOf", "mapCopyOf");

    private static final Map<String, String> LINKED_KIN = Map.of(
        "java/util/HashMap", "java/util/LinkedHashMap",
        "java/util/HashSet", "java/util/LinkedHashSet");

    private final ClassNode owner;
    private final MethodNode method;
    private final MeteringContext context;
    private final List<MethodNode> bridges;
    private final InsnList code;
    private final List<LdcInsnNode> frameSizes = new ArrayList<>();
    private final Deque<TypeInsnNode> pendingNews = new ArrayDeque<>();
    private final int gaugeLocal;
    private final int tempBase;
    private int localsMax;

    MethodMetering(
        final ClassNode owner, final MethodNode method, final MeteringContext context, final List<MethodNode> bridges)
    {
        this.owner = owner;
        this.method = method;
        this.context = context;
        this.bridges = bridges;
        this.code = method.instructions;
        this.gaugeLocal = method.maxLocals;
        this.tempBase = gaugeLocal + 1;
        this.localsMax = tempBase;
    }

    void meter()
    {
        final AbstractInsnNode[] original = code.toArray();
        final Map<LabelNode, Integer> positions = new HashMap<>();
        for (int i = 0; i < original.length; i++)
        {
            if (original[i] instanceof LabelNode)
            {
                positions.put((LabelNode)original[i], i);
            }
        }
        for (int i = 0; i < original.length; i++)
        {
            meterInstruction(original[i], i, positions);
        }
        enterHandlersThroughStubs();
        code.insert(prologue());
        final int frameBytes = FRAME_OVERHEAD_BYTES
            + SLOT_BYTES * (localsMax + method.maxStack + ADDED_STACK_SLOTS);
        for (final LdcInsnNode frameSize : frameSizes)
        {
            frameSize.cst = frameBytes;
        }
    }

    private void meterInstruction(final AbstractInsnNode insn, final int position, final Map<LabelNode, Integer> positions)
    {
        switch (insn.getType())
        {
            case AbstractInsnNode.JUMP_INSN:
                if (positions.get(((JumpInsnNode)insn).label) <= position)
                {
                    code.insertBefore(insn, loop());
                }
                break;
            case AbstractInsnNode.TABLESWITCH_INSN:
                final TableSwitchInsnNode table = (TableSwitchInsnNode)insn;
                if (anyBackward(table.dflt, table.labels, position, positions))
                {
                    code.insertBefore(insn, loop());
                }
                break;
            case AbstractInsnNode.LOOKUPSWITCH_INSN:
                final LookupSwitchInsnNode lookup = (LookupSwitchInsnNode)insn;
                if (anyBackward(lookup.dflt, lookup.labels, position, positions))
                {
                    code.insertBefore(insn, loop());
                }
                break;
            case AbstractInsnNode.INSN:
                if (insn.getOpcode() >= Opcodes.IRETURN && insn.getOpcode() <= Opcodes.RETURN)
                {
                    code.insertBefore(insn, exit());
                }
                break;
            case AbstractInsnNode.TYPE_INSN:
                meterType((TypeInsnNode)insn);
                break;
            case AbstractInsnNode.INT_INSN:
                if (insn.getOpcode() == Opcodes.NEWARRAY)
                {
                    code.insertBefore(insn, chargeArray(primitiveArrayBytes(((IntInsnNode)insn).operand)));
                }
                break;
            case AbstractInsnNode.MULTIANEWARRAY_INSN:
                meterMultiArray((MultiANewArrayInsnNode)insn);
                break;
            case AbstractInsnNode.METHOD_INSN:
                meterCall((MethodInsnNode)insn);
                break;
            case AbstractInsnNode.INVOKE_DYNAMIC_INSN:
                meterDynamic((InvokeDynamicInsnNode)insn);
                break;
            default:
                break;
        }
    }

    private static boolean anyBackward(
        final LabelNode dflt, final List<LabelNode> labels, final int position, final Map<LabelNode, Integer> positions)
    {
        if (positions.get(dflt) <= position)
        {
            return true;
        }
        for (final LabelNode label : labels)
        {
            if (positions.get(label) <= position)
            {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Entry, exits, loops and handlers
    // ------------------------------------------------------------------------------------------------------------

    private InsnList prologue()
    {
        final InsnList prologue = new InsnList();
        prologue.add(meterField());
        prologue.add(frameSize());
        prologue.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, METER, "enter", "(I)I", false));
        prologue.add(new VarInsnNode(Opcodes.ISTORE, gaugeLocal));
        return prologue;
    }

    private InsnList exit()
    {
        final InsnList exit = new InsnList();
        exit.add(meterField());
        exit.add(new VarInsnNode(Opcodes.ILOAD, gaugeLocal));
        exit.add(frameSize());
        exit.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, METER, "exit", "(II)V", false));
        return exit;
    }

    private InsnList loop()
    {
        final InsnList loop = new InsnList();
        loop.add(meterField());
        loop.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, METER, "loop", "()V", false));
        return loop;
    }

    /**
     * Retargets every handler to a stub appended after the method's last instruction, so no protected range
     * covers the stub and what it throws leaves the method.
     */
    private void enterHandlersThroughStubs()
    {
        final Map<LabelNode, LabelNode> stubs = new LinkedHashMap<>();
        for (final TryCatchBlockNode block : method.tryCatchBlocks)
        {
            block.handler = stubs.computeIfAbsent(block.handler, handler -> new LabelNode());
        }
        for (final Map.Entry<LabelNode, LabelNode> stub : stubs.entrySet())
        {
            code.add(stub.getValue());
            code.add(new InsnNode(Opcodes.DUP));
            code.add(meterField());
            code.add(new InsnNode(Opcodes.SWAP));
            code.add(new VarInsnNode(Opcodes.ILOAD, gaugeLocal));
            code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, METER, "caught", "(Ljava/lang/Throwable;I)V", false));
            code.add(new JumpInsnNode(Opcodes.GOTO, stub.getKey()));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Allocation
    // ------------------------------------------------------------------------------------------------------------

    private void meterType(final TypeInsnNode insn)
    {
        if (insn.getOpcode() == Opcodes.NEW)
        {
            final String kin = LINKED_KIN.get(insn.desc);
            if (kin != null)
            {
                insn.desc = kin;
            }
            pendingNews.push(insn);
            code.insertBefore(insn, allocate(HeapModel.objectBytes(context.instanceFields(insn.desc))));
        }
        else if (insn.getOpcode() == Opcodes.ANEWARRAY)
        {
            code.insertBefore(insn, chargeArray(HeapModel.REFERENCE_BYTES));
        }
    }

    private InsnList allocate(final int bytes)
    {
        final InsnList allocate = new InsnList();
        allocate.add(meterField());
        allocate.add(new LdcInsnNode(bytes));
        allocate.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, METER, "allocate", "(I)V", false));
        return allocate;
    }

    /** With the length on the stack: keeps it there. */
    private InsnList chargeArray(final int elementBytes)
    {
        final InsnList charge = new InsnList();
        charge.add(new InsnNode(Opcodes.DUP));
        charge.add(meterField());
        charge.add(new InsnNode(Opcodes.SWAP));
        charge.add(new LdcInsnNode(elementBytes));
        charge.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, METER, "array", "(II)V", false));
        return charge;
    }

    private void meterMultiArray(final MultiANewArrayInsnNode insn)
    {
        final Type type = Type.getType(insn.desc);
        final int[] locals = new int[insn.dims];
        final InsnList charge = new InsnList();
        for (int i = 0; i < insn.dims; i++)
        {
            locals[i] = tempBase + i;
        }
        useLocals(tempBase + insn.dims);
        for (int i = insn.dims - 1; i >= 0; i--)
        {
            charge.add(new VarInsnNode(Opcodes.ISTORE, locals[i]));
        }
        charge.add(new InsnNode(Opcodes.LCONST_1));
        for (int i = 0; i < insn.dims; i++)
        {
            final boolean innermost = i == type.getDimensions() - 1;
            charge.add(meterField());
            charge.add(new InsnNode(Opcodes.DUP_X2));
            charge.add(new InsnNode(Opcodes.POP));
            charge.add(new VarInsnNode(Opcodes.ILOAD, locals[i]));
            charge.add(new LdcInsnNode(innermost ? JdkCosts.elementBytes(type.getElementType())
                : HeapModel.REFERENCE_BYTES));
            charge.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, METER, "dimension", "(JII)J", false));
        }
        charge.add(new InsnNode(Opcodes.POP2));
        for (int i = 0; i < insn.dims; i++)
        {
            charge.add(new VarInsnNode(Opcodes.ILOAD, locals[i]));
        }
        code.insertBefore(insn, charge);
    }

    private static int primitiveArrayBytes(final int arrayType)
    {
        switch (arrayType)
        {
            case Opcodes.T_LONG:
            case Opcodes.T_DOUBLE:
                return 8;
            case Opcodes.T_INT:
            case Opcodes.T_FLOAT:
                return 4;
            case Opcodes.T_SHORT:
            case Opcodes.T_CHAR:
                return 2;
            default:
                return 1;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Calls
    // ------------------------------------------------------------------------------------------------------------

    private void meterCall(final MethodInsnNode call)
    {
        final boolean constructor = "<init>".equals(call.name);
        final TypeInsnNode created = constructor ? matchNew(call) : null;
        if (constructor && LINKED_KIN.containsKey(call.owner))
        {
            call.owner = LINKED_KIN.get(call.owner);
        }
        final String declaring = context.declaringClass(call.owner, call.name, call.desc);
        if (context.isModuleClass(declaring))
        {
            return;
        }
        if (replaceIdentityCall(call, declaring))
        {
            return;
        }
        final String factory = IMMUTABLE_FACTORIES.get(call.owner + '.' + call.name);
        if (factory != null && call.getOpcode() == Opcodes.INVOKESTATIC)
        {
            call.owner = COLLECTIONS;
            call.name = factory;
            call.itf = false;
        }
        new CallCharges(call, created).emit();
    }

    /** Pairs a constructor call with the {@code new} it initializes; null for a {@code super(…)} or {@code this(…)}. */
    private TypeInsnNode matchNew(final MethodInsnNode call)
    {
        if (!pendingNews.isEmpty() && pendingNews.peek().desc.equals(LINKED_KIN.getOrDefault(call.owner, call.owner)))
        {
            return pendingNews.pop();
        }
        return null;
    }

    private boolean replaceIdentityCall(final MethodInsnNode call, final String declaring)
    {
        final String member = call.owner + '.' + call.name + call.desc;
        final String identity = IDENTITY_STATICS.get(member);
        if (identity != null && call.getOpcode() == Opcodes.INVOKESTATIC)
        {
            final Type[] arguments = Type.getArgumentTypes(call.desc);
            final Type[] withMeter = java.util.Arrays.copyOf(arguments, arguments.length + 1);
            withMeter[arguments.length] = Type.getType(METER_DESCRIPTOR);
            replaceWithIdentity(call, identity, Type.getMethodDescriptor(Type.getReturnType(call.desc), withMeter));
            return true;
        }
        final boolean special = call.getOpcode() == Opcodes.INVOKESPECIAL;
        if ("hashCode".equals(call.name) && "()I".equals(call.desc))
        {
            replaceWithIdentity(call, special ? "superHashCode" : "hashCode", METER_IDENTITY_HASH);
            return true;
        }
        if ("toString".equals(call.name) && TO_STRING_DESCRIPTOR.equals(call.desc))
        {
            replaceWithIdentity(call, special ? "superToString" : "toString", METER_IDENTITY_TEXT);
            return true;
        }
        final String builderText = "java/lang/StringBuilder".equals(call.owner)
            ? BUILDER_OBJECT_TEXT.get(call.name + call.desc) : null;
        if (builderText != null)
        {
            final InsnList text = new InsnList();
            text.add(meterField());
            text.add(new MethodInsnNode(Opcodes.INVOKESTATIC, IDENTITY, "toString", METER_IDENTITY_TEXT, false));
            text.add(chargeResult());
            code.insertBefore(call, text);
            call.desc = builderText;
            return true;
        }
        if (("getMessage".equals(call.name) || "getLocalizedMessage".equals(call.name))
            && TO_STRING_DESCRIPTOR.equals(call.desc) && isThrowable(declaring))
        {
            code.insert(call, new MethodInsnNode(Opcodes.INVOKESTATIC, IDENTITY, "sanitize",
                "(Ljava/lang/String;)Ljava/lang/String;", false));
            return true;
        }
        return false;
    }

    private void replaceWithIdentity(final MethodInsnNode call, final String name, final String descriptor)
    {
        final InsnList replacement = new InsnList();
        replacement.add(meterField());
        replacement.add(new MethodInsnNode(Opcodes.INVOKESTATIC, IDENTITY, name, descriptor, false));
        if (Type.getReturnType(descriptor).getSort() == Type.OBJECT)
        {
            replacement.add(chargeResult());
        }
        code.insertBefore(call, replacement);
        code.remove(call);
    }

    private boolean isThrowable(final String internalName)
    {
        return THROWABLE.equals(context.commonSuperClass(internalName, THROWABLE));
    }

    /** With a made object on the stack: charges it, and keeps it there. */
    private InsnList chargeResult()
    {
        final InsnList charge = new InsnList();
        charge.add(new InsnNode(Opcodes.DUP));
        charge.add(meterField());
        charge.add(new InsnNode(Opcodes.SWAP));
        charge.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, METER, "result", "(Ljava/lang/Object;)V", false));
        return charge;
    }

    /**
     * The charges of one call into the JDK or the SPI: the call's arguments are set aside in locals, charged, and
     * put back; growth and results are charged after the call.
     */
    private final class CallCharges
    {
        private final MethodInsnNode call;
        private final TypeInsnNode created;
        private final Type[] arguments;
        private final Type receiver;
        private final boolean chargeReceiver;
        private final boolean[] chargeArgument;
        private final JdkCosts.Capacity capacity;
        private final JdkCosts.Product product;
        private final int grown;
        private final boolean produces;

        CallCharges(final MethodInsnNode call, final TypeInsnNode created)
        {
            this.call = call;
            this.created = created;
            arguments = Type.getArgumentTypes(call.desc);
            final boolean constructor = "<init>".equals(call.name);
            receiver = call.getOpcode() == Opcodes.INVOKESTATIC || constructor ? null
                : (call.owner.charAt(0) == '[' ? Type.getType(call.owner) : Type.getObjectType(call.owner));
            chargeReceiver = receiver != null && (receiver.getSort() == Type.ARRAY
                || JdkCosts.isSized(receiver, call.owner, "") && JdkCosts.chargesReceiver(call.owner, call.name,
                call.desc));
            chargeArgument = new boolean[arguments.length];
            boolean anySized = false;
            for (int i = 0; i < arguments.length; i++)
            {
                chargeArgument[i] = JdkCosts.isSized(arguments[i], call.owner, call.name);
                anySized |= chargeArgument[i];
            }
            final JdkCosts.Capacity listed = JdkCosts.capacity(call.owner, call.name, call.desc);
            capacity = listed != null ? listed : JdkCosts.arrayCopy(call.owner, call.name, call.desc);
            product = JdkCosts.product(call.owner, call.name, call.desc);
            if (JdkCosts.isGrower(call.name) && receiver != null && JdkCosts.isContainer(receiver))
            {
                grown = 0;
            }
            else if (JdkCosts.isGrower(call.name) && receiver == null && !constructor && arguments.length > 0
                && JdkCosts.isContainer(arguments[0]))
            {
                grown = 1;
            }
            else
            {
                grown = -1;
            }
            final int returnSort = Type.getReturnType(call.desc).getSort();
            produces = constructor ? created != null && anySized
                : JdkCosts.isProducer(call.owner, call.name) && (returnSort == Type.OBJECT || returnSort == Type.ARRAY);
        }

        void emit()
        {
            final boolean reserves = produces && (chargeReceiver || anyArgumentCharged());
            final boolean anyCharge = chargeReceiver || capacity != null || product != null || grown >= 0
                || anyArgumentCharged();
            if (!anyCharge && !produces)
            {
                return;
            }
            final int[] argumentLocals = new int[arguments.length];
            int next = tempBase;
            for (int i = 0; i < arguments.length; i++)
            {
                argumentLocals[i] = next;
                next += arguments[i].getSize();
            }
            final int receiverLocal = receiver != null ? next++ : -1;
            final int sizeLocal = next;
            next += 2;
            final int reservedLocal = next;
            next += 2;
            useLocals(next);

            final InsnList before = new InsnList();
            if (anyCharge)
            {
                for (int i = arguments.length - 1; i >= 0; i--)
                {
                    before.add(new VarInsnNode(arguments[i].getOpcode(Opcodes.ISTORE), argumentLocals[i]));
                }
                if (receiverLocal >= 0)
                {
                    before.add(new VarInsnNode(Opcodes.ASTORE, receiverLocal));
                }
                if (chargeReceiver)
                {
                    before.add(work(receiverLocal));
                }
                for (int i = 0; i < arguments.length; i++)
                {
                    if (chargeArgument[i])
                    {
                        before.add(work(argumentLocals[i]));
                    }
                }
                if (capacity != null)
                {
                    before.add(meterField());
                    before.add(new VarInsnNode(Opcodes.ILOAD, argumentLocals[capacity.argument()]));
                    before.add(new LdcInsnNode(capacity.bytesPerUnit()));
                    before.add(new LdcInsnNode(capacity.shift()));
                    before.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, METER, "reserve", "(III)V", false));
                }
                if (product != null)
                {
                    before.add(meterField());
                    before.add(sizeAt(product.first(), false, receiverLocal, argumentLocals));
                    before.add(sizeAt(product.second(), product.secondIsInt(), receiverLocal, argumentLocals));
                    before.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, METER, "reserveProduct", "(JJ)V", false));
                }
                if (grown >= 0)
                {
                    before.add(sizeAt(grown, false, receiverLocal, argumentLocals));
                    before.add(new VarInsnNode(Opcodes.LSTORE, sizeLocal));
                }
                if (reserves)
                {
                    before.add(reserve(receiverLocal, argumentLocals, reservedLocal));
                }
                if (receiverLocal >= 0)
                {
                    before.add(new VarInsnNode(Opcodes.ALOAD, receiverLocal));
                }
                for (int i = 0; i < arguments.length; i++)
                {
                    before.add(new VarInsnNode(arguments[i].getOpcode(Opcodes.ILOAD), argumentLocals[i]));
                }
            }
            final InsnList after = new InsnList();
            if (grown >= 0)
            {
                after.add(meterField());
                after.add(new VarInsnNode(Opcodes.ALOAD, grown == 0 ? receiverLocal : argumentLocals[0]));
                after.add(new VarInsnNode(Opcodes.LLOAD, sizeLocal));
                after.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, METER, "growth", "(Ljava/lang/Object;J)V", false));
            }
            if (reserves)
            {
                after.add(new InsnNode(Opcodes.DUP));
                after.add(meterField());
                after.add(new InsnNode(Opcodes.SWAP));
                after.add(new VarInsnNode(Opcodes.LLOAD, reservedLocal));
                after.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, METER, "result", "(Ljava/lang/Object;J)V", false));
            }
            else if (produces)
            {
                after.add(chargeResult());
            }
            code.insertBefore(call, before);
            code.insert(call, after);
        }

        /** Reserves heap for what the call makes, as much as a copy of each sized input, into a local. */
        private InsnList reserve(final int receiverLocal, final int[] argumentLocals, final int reservedLocal)
        {
            final InsnList reserve = new InsnList();
            reserve.add(new InsnNode(Opcodes.LCONST_0));
            for (int i = -1; i < arguments.length; i++)
            {
                if (i < 0 ? chargeReceiver : chargeArgument[i])
                {
                    reserve.add(meterField());
                    reserve.add(new VarInsnNode(Opcodes.ALOAD, i < 0 ? receiverLocal : argumentLocals[i]));
                    reserve.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, METER, "reserveFor", "(Ljava/lang/Object;)J",
                        false));
                    reserve.add(new InsnNode(Opcodes.LADD));
                }
            }
            reserve.add(new VarInsnNode(Opcodes.LSTORE, reservedLocal));
            return reserve;
        }

        private boolean anyArgumentCharged()
        {
            for (final boolean charged : chargeArgument)
            {
                if (charged)
                {
                    return true;
                }
            }
            return false;
        }

        private InsnList work(final int local)
        {
            final InsnList work = new InsnList();
            work.add(meterField());
            work.add(new VarInsnNode(Opcodes.ALOAD, local));
            work.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, METER, "work", "(Ljava/lang/Object;)V", false));
            return work;
        }

        /** Pushes a size as a long: of the receiver (position 0) or of argument {@code position - 1}. */
        private InsnList sizeAt(
            final int position, final boolean isInt, final int receiverLocal, final int[] argumentLocals)
        {
            final InsnList size = new InsnList();
            final int local = position == 0 ? receiverLocal : argumentLocals[position - 1];
            if (isInt)
            {
                size.add(new VarInsnNode(Opcodes.ILOAD, local));
                size.add(new InsnNode(Opcodes.I2L));
                return size;
            }
            size.add(meterField());
            size.add(new VarInsnNode(Opcodes.ALOAD, local));
            size.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, METER, "size", "(Ljava/lang/Object;)J", false));
            return size;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // invokedynamic
    // ------------------------------------------------------------------------------------------------------------

    private void meterDynamic(final InvokeDynamicInsnNode insn)
    {
        final Handle bootstrap = insn.bsm;
        if (BOOTSTRAP_CONCAT.equals(bootstrap.getOwner()))
        {
            insn.bsm = new Handle(Opcodes.H_INVOKESTATIC, STRING_CONCAT, bootstrap.getName(), bootstrap.getDesc(),
                false);
        }
        else if (BOOTSTRAP_RECORD.equals(bootstrap.getOwner()))
        {
            insn.bsm = new Handle(Opcodes.H_INVOKESTATIC, RECORD_METHODS, bootstrap.getName(), bootstrap.getDesc(),
                false);
        }
        else if (BOOTSTRAP_LAMBDA.equals(bootstrap.getOwner()))
        {
            final int captured = Type.getArgumentTypes(insn.desc).length;
            if (captured > 0)
            {
                code.insertBefore(insn, allocate(HeapModel.objectBytes(captured)));
            }
            if (insn.bsmArgs.length > 1 && insn.bsmArgs[1] instanceof Handle)
            {
                final Handle implementation = (Handle)insn.bsmArgs[1];
                if (!context.isModuleClass(implementation.getOwner()) && bridges != null)
                {
                    insn.bsmArgs[1] = bridge(implementation);
                }
            }
        }
    }

    /**
     * A method reference to a JDK member ({@code String::valueOf}, {@code list::add}) would call it from the
     * JDK's lambda class, unmetered: it becomes a reference to a static method of this class that makes the call,
     * which is metered as any other.
     */
    private Handle bridge(final Handle target)
    {
        final int tag = target.getTag();
        final boolean constructor = tag == Opcodes.H_NEWINVOKESPECIAL;
        final boolean instance = tag == Opcodes.H_INVOKEVIRTUAL || tag == Opcodes.H_INVOKEINTERFACE;
        if (!constructor && !instance && tag != Opcodes.H_INVOKESTATIC)
        {
            return target;
        }
        final Type targetType = Type.getMethodType(target.getDesc());
        final List<Type> parameters = new ArrayList<>();
        if (instance)
        {
            parameters.add(target.getOwner().charAt(0) == '['
                ? Type.getType(target.getOwner()) : Type.getObjectType(target.getOwner()));
        }
        parameters.addAll(List.of(targetType.getArgumentTypes()));
        final Type returnType = constructor ? Type.getObjectType(target.getOwner()) : targetType.getReturnType();
        final String descriptor = Type.getMethodDescriptor(returnType, parameters.toArray(new Type[0]));
        final boolean isInterface = (owner.access & Opcodes.ACC_INTERFACE) != 0;
        // A Java 8 interface cannot have a private method.
        final int access = (isInterface ? Opcodes.ACC_PUBLIC : Opcodes.ACC_PRIVATE) | Opcodes.ACC_STATIC
            | Opcodes.ACC_SYNTHETIC;
        final MethodNode bridge = new MethodNode(access,
            RESERVED_PREFIX + "ref$" + bridges.size(), descriptor, null, null);
        if (constructor)
        {
            bridge.instructions.add(new TypeInsnNode(Opcodes.NEW, target.getOwner()));
            bridge.instructions.add(new InsnNode(Opcodes.DUP));
        }
        int local = 0;
        for (final Type parameter : parameters)
        {
            bridge.instructions.add(new VarInsnNode(parameter.getOpcode(Opcodes.ILOAD), local));
            local += parameter.getSize();
        }
        final int opcode = constructor ? Opcodes.INVOKESPECIAL
            : tag == Opcodes.H_INVOKESTATIC ? Opcodes.INVOKESTATIC
            : tag == Opcodes.H_INVOKEINTERFACE ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL;
        bridge.instructions.add(new MethodInsnNode(opcode, target.getOwner(), target.getName(), target.getDesc(),
            target.isInterface()));
        bridge.instructions.add(new InsnNode(returnType.getOpcode(Opcodes.IRETURN)));
        bridge.maxLocals = local;
        bridge.maxStack = local + 2;
        bridges.add(bridge);
        return new Handle(Opcodes.H_INVOKESTATIC, owner.name, bridge.name, descriptor, isInterface);
    }

    // ------------------------------------------------------------------------------------------------------------

    private FieldInsnNode meterField()
    {
        return new FieldInsnNode(Opcodes.GETSTATIC, owner.name, METER_FIELD, METER_DESCRIPTOR);
    }

    private LdcInsnNode frameSize()
    {
        final LdcInsnNode size = new LdcInsnNode(0);
        frameSizes.add(size);
        return size;
    }

    private void useLocals(final int count)
    {
        localsMax = Math.max(localsMax, count);
    }
}
